/** Served by GET /api/v1/config and documented in docs/api.md (generated from here). */
export const LIMITS = Object.freeze({
  titleMax: 200,
  descriptionMax: 10_000,
  projectNameMax: 100,
  assetNameMax: 200,
  fileNameBytesMax: 255,
  commentMax: 2_000,
  queryMax: 200,
  idempotencyKeyMax: 200,
  pageMax: 500,
  pageDefault: 100,
});

export type Limits = typeof LIMITS;
