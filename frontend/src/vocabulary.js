// Generated from graph/model/common.py by `make schema`; do not edit.
// The domain's vocabulary as the API stores it (GraphQL spells it in upper case).

export const ROLES = ['initiator', 'user', 'influencer', 'decider', 'buyer', 'gatekeeper', 'approver', 'champion'];
export const STANCES = ['champion', 'supporter', 'neutral', 'sceptic', 'blocker', 'unknown'];
export const JOURNEY_STAGES = ['awareness', 'intrigue', 'trust', 'conviction', 'expectation', 'satisfaction', 'passion'];
export const INFLUENCE_KINDS = ['advice', 'peer', 'sponsor', 'social', 'external'];
export const ORG_KINDS = ['customer', 'prospect', 'partner', 'home'];
export const MOTIVES = ['fit_in', 'stand_out', 'unknown'];
export const OUTCOMES = ['gains', 'neutral', 'loses', 'unknown'];
export const INFLUENCE_BASES = ['normative', 'informational'];
export const IMPORT_DUPLICATES = ['hold', 'keep', 'skip', 'merge'];
