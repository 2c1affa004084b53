package io.junction.router.config;

import io.junction.core.uri.MatchPolicy;
import io.junction.core.uri.Uris;
import io.junction.router.config.DealerConfig.CallerDisclosureConfig;
import io.junction.router.config.DealerConfig.Disclosure;
import io.junction.router.config.DealerConfig.TrustLevelRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a realm's {@code dealer} settings (see {@code junction-example.yaml}). */
final class DealerConfigLoader {

    private static final Map<String, Disclosure> DISCLOSURES = new LinkedHashMap<>();
    private static final Map<String, MatchPolicy> MATCHES = new LinkedHashMap<>();

    static {
        DISCLOSURES.put("on_request", Disclosure.ON_REQUEST);
        DISCLOSURES.put("always", Disclosure.ALWAYS);
        DISCLOSURES.put("deny", Disclosure.DENY);
        for (MatchPolicy p : MatchPolicy.values()) {
            MATCHES.put(p.option(), p);
        }
    }

    private DealerConfigLoader() {
    }

    static DealerConfig dealer(ConfigNode n) {
        n.allowOnly("callee_concurrency", "max_queued_calls", "caller_disclosure", "trustlevels");
        DealerConfig d = DealerConfig.defaults();
        return new DealerConfig(
                n.integer("callee_concurrency", d.calleeConcurrency(), 0, Integer.MAX_VALUE),
                n.integer("max_queued_calls", d.maxQueuedCalls(), 0, Integer.MAX_VALUE),
                callerDisclosure(n.object("caller_disclosure")),
                trustLevels(n));
    }

    private static CallerDisclosureConfig callerDisclosure(ConfigNode n) {
        n.allowOnly("default", "roles");
        Disclosure byDefault = n.choice("default", Disclosure.ON_REQUEST, DISCLOSURES);
        ConfigNode roles = n.object("roles");
        Map<String, Disclosure> byRole = new LinkedHashMap<>();
        for (String role : roles.keys()) {
            byRole.put(role, roles.choice(role, null, DISCLOSURES));
        }
        return new CallerDisclosureConfig(byDefault, byRole);
    }

    private static List<TrustLevelRule> trustLevels(ConfigNode dealer) {
        List<ConfigNode> nodes = dealer.objects("trustlevels");
        List<TrustLevelRule> out = new ArrayList<>();
        if (nodes == null) {
            return out;
        }
        for (ConfigNode r : nodes) {
            r.allowOnly("procedure", "match", "authrole", "trustlevel");
            if (!r.has("procedure")) {
                throw r.error("procedure", "is required");
            }
            if (!r.has("trustlevel")) {
                throw r.error("trustlevel", "is required");
            }
            MatchPolicy match = r.choice("match", MatchPolicy.EXACT, MATCHES);
            String procedure = r.string("procedure", null);
            if (!Uris.isValidPattern(procedure, false, match)) {
                throw r.error("procedure", "must be a valid " + match.option() + " URI pattern, got \"" + procedure + "\"");
            }
            out.add(new TrustLevelRule(procedure, match, r.string("authrole", null),
                    r.integer("trustlevel", 0, 0, Integer.MAX_VALUE)));
        }
        return out;
    }
}
