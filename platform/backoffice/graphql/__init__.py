"""GraphQL: schema assembly per set of enabled modules, context, errors, limits, ids, pagination."""
