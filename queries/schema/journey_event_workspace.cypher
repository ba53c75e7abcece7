CREATE INDEX journey_event_workspace IF NOT EXISTS FOR (n:JourneyEvent) ON (n.workspace)
