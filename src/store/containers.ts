/**
 * Every container Värna uses, with its partition key. The infra agreement test
 * reads this list, so Bicep and code cannot drift apart.
 *
 * `ttl: true` turns on per-item expiry in Azure (defaultTtl -1); the embedded
 * server has no TTL, so items also carry `expiresAt`, which reads honour.
 */
export const CONTAINERS = {
  cases: { partitionKey: "/orgId", ttl: false },
  events: { partitionKey: "/caseId", ttl: false },
  conversations: { partitionKey: "/orgId", ttl: false },
  botstate: { partitionKey: "/id", ttl: true },
  jobs: { partitionKey: "/orgId", ttl: true },
  sendcheckCounters: { partitionKey: "/orgId", ttl: false },
  drafts: { partitionKey: "/orgId", ttl: true },
  /** Per-organisation settings: the DSO channel, the unit managers. */
  settings: { partitionKey: "/orgId", ttl: false },
  /** Dashboard statistics counters: one document per organisation × unit × month. */
  stats: { partitionKey: "/orgId", ttl: false },
} as const satisfies Record<string, { partitionKey: string; ttl: boolean }>;

export type ContainerName = keyof typeof CONTAINERS;
