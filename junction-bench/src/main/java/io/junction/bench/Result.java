package io.junction.bench;

/** A figure the bench measured. */
sealed interface Result permits LoadResult, SessionsResult {

    /** One line of the report. */
    String format();
}
