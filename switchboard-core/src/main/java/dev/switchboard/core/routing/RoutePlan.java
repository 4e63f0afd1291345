package dev.switchboard.core.routing;

import java.util.List;

/** The deployments to try for one request, in order, and the decision that ordered them. */
record RoutePlan(ModelGroup group, List<Deployment> candidates, RouteDecision decision, long promptTokens,
    long maxOutputTokens) {}
