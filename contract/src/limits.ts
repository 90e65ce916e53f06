/** Served by GET /api/v1/config and documented in docs/api.md (generated from here). */
export const LIMITS = Object.freeze({
  titleMax: 200,
  descriptionMax: 10_000,
  projectNameMax: 100,
  assetNameMax: 200,
  fileNameBytesMax: 255,
  commentMax: 2_000,
  statementMax: 2_000,
  rationaleMax: 10_000,
  quotesMax: 20,
  decisionChannelsMax: 300,
  decisionLinksMax: 50,
  rolloutChannelsMax: 300,
  queryMax: 200,
  idempotencyKeyMax: 200,
  pageMax: 500,
  pageDefault: 100,
  /** Calendar feeds one person may hold, and the events one feed carries at most. */
  feedsPerUserMax: 20,
  feedEventsMax: 500,
});

export type Limits = typeof LIMITS;
