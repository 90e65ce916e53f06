/**
 * Every permission by name. The service decides them in one policy module
 * (server-proxy/src/access/policy.ts); clients are told which ones the caller holds and never
 * re-derive the rule. docs/permissions.md is generated from the policy's table.
 */
export const PERMISSIONS = [
  'project.read',
  'project.create',
  'project.link',
  'project.unlink',
  'task.read',
  'task.create',
  'task.update',
  'task.delete',
  'asset.read',
  'asset.create',
  'asset.add_version',
  'asset.approve',
  'asset.read_downloads',
  'receipt.confirm',
  'shelf.read',
  'decision.read',
  'decision.record',
  'decision.edit',
  'decision.decide',
  'decision.revoke',
  'decision.supersede',
  'rollout.create',
  'rollout.add_channel',
  'project.set_lead',
  'digest.read',
  'digest.configure',
  'project.export',
  'project.overview',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Listed on each project in `permissions`. */
export const PROJECT_PERMISSIONS = [
  'project.link',
  'project.unlink',
  'asset.create',
  'task.create',
  'decision.record',
  'rollout.create',
  'project.set_lead',
  'project.export',
] as const satisfies readonly Permission[];
/** Listed on each asset in `permissions`. */
export const ASSET_PERMISSIONS = [
  'asset.add_version',
  'asset.approve',
  'asset.read_downloads',
  'receipt.confirm',
] as const satisfies readonly Permission[];
/** Listed on each decision in `permissions`. */
export const DECISION_PERMISSIONS = [
  'decision.edit',
  'decision.decide',
  'decision.revoke',
  'decision.supersede',
  'receipt.confirm',
] as const satisfies readonly Permission[];
/** Listed on each rollout in `permissions`. */
export const ROLLOUT_PERMISSIONS = ['rollout.add_channel'] as const satisfies readonly Permission[];
