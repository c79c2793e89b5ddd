"""Events the hazard catalogue emits to the outbox (payloads carry ids and the catalogue version)."""

AGENT_ADDED = "hazards.agent.added"  # {id, name_zh, category, version, limits}
LIMIT_ADDED = "hazards.limit.added"  # {agent, id, metric, version}
LIMIT_CORRECTED = "hazards.limit.corrected"  # {agent, id, metric, version, replaces, reason}
