package io.junction.bench;

/** The load tests {@code junction bench} can run, by the names given to {@code --workloads}. */
enum WorkloadKind {
    /** One caller, one call at a time. */
    RPC_SEQUENTIAL("rpc-sequential"),
    /** {@code --callers} callers, one call at a time each. */
    RPC_CALLERS("rpc-callers"),
    /** One caller with {@code --pipeline} calls in flight. */
    RPC_PIPELINED("rpc-pipelined"),
    /** One publisher, {@code --subscribers} subscribers. */
    FANOUT("fanout"),
    /** {@code --sessions} idle sessions: router memory per session. */
    SESSIONS("sessions");

    private final String id;

    WorkloadKind(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    static WorkloadKind ofId(String id) {
        for (WorkloadKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id
                + "': use rpc-sequential, rpc-callers, rpc-pipelined, fanout or sessions");
    }
}
