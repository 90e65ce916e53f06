import type {ErrorCode} from '@throughline/contract';
import {defineMessages, type MessageDescriptor} from 'react-intl';

// What the user reads for each code the service answers with. A Record, so a code the contract adds
// fails to compile until it has a message (and, through i18n:check, a translation).
export const errorMessages: Record<ErrorCode, MessageDescriptor> = defineMessages({
    validation_failed: {id: 'throughline.error.validation_failed', defaultMessage: 'Some of what was entered is not valid. Check it and try again.'},
    invalid_json: {id: 'throughline.error.invalid_json', defaultMessage: 'Throughline could not read the request. Reload the page and try again.'},
    empty_file: {id: 'throughline.error.empty_file', defaultMessage: 'The file is empty.'},
    invalid_file_name: {id: 'throughline.error.invalid_file_name', defaultMessage: 'This file name cannot be used. Rename the file and try again.'},
    unauthorized: {id: 'throughline.error.unauthorized', defaultMessage: 'Your session has ended. Log in again.'},
    csrf_failed: {id: 'throughline.error.csrf_failed', defaultMessage: 'The request could not be verified. Reload the page and try again.'},
    forbidden: {id: 'throughline.error.forbidden', defaultMessage: 'You may not do this here.'},
    not_found: {id: 'throughline.error.not_found', defaultMessage: 'This no longer exists, or you cannot see it.'},
    version_conflict: {id: 'throughline.error.version_conflict', defaultMessage: 'Someone changed this in the meantime. Look at the latest and try again.'},
    duplicate_version: {id: 'throughline.error.duplicate_version', defaultMessage: 'This exact file is already a version of the asset.'},
    decision_closed: {id: 'throughline.error.decision_closed', defaultMessage: 'This decision has moved on (decided, superseded or revoked). Reload it to see where it stands.'},
    no_approved_version: {id: 'throughline.error.no_approved_version', defaultMessage: 'That version is no longer the approved one; confirm the current one instead.'},
    payload_too_large: {id: 'throughline.error.payload_too_large', defaultMessage: 'This is too large to send.'},
    request_too_large: {id: 'throughline.error.request_too_large', defaultMessage: 'This is too long to send. Shorten it and try again.'},
    request_timeout: {id: 'throughline.error.request_timeout', defaultMessage: 'The request took too long to arrive. Check your connection and try again.'},
    quota_exceeded: {id: 'throughline.error.quota_exceeded', defaultMessage: 'The upload quota is used up (yours, or this asset’s). Nothing was stored; ask an administrator to remove old versions or raise the quota.'},
    unsupported_media_type: {id: 'throughline.error.unsupported_media_type', defaultMessage: 'Throughline does not accept this kind of request. Reload the page and try again.'},
    assignee_not_member: {id: 'throughline.error.assignee_not_member', defaultMessage: 'The assignee is not a member of this channel.'},
    channel_not_in_project: {id: 'throughline.error.channel_not_in_project', defaultMessage: 'This channel is not part of that project.'},
    idempotency_key_reused: {id: 'throughline.error.idempotency_key_reused', defaultMessage: 'This was already sent with other details. Reload the page and try again.'},
    post_not_taskable: {id: 'throughline.error.post_not_taskable', defaultMessage: 'A task cannot be made from this message.'},
    home_channel: {id: 'throughline.error.home_channel', defaultMessage: 'A project’s home channel cannot be removed from it.'},
    approver_not_eligible: {id: 'throughline.error.approver_not_eligible', defaultMessage: 'The approver must be a member of the channel the decision comes from, and not a guest.'},
    cross_project: {id: 'throughline.error.cross_project', defaultMessage: 'That belongs to another project.'},
    already_rolled_out: {id: 'throughline.error.already_rolled_out', defaultMessage: 'This task is already rolled out there. Add channels to its rollout instead.'},
    receipt_required: {id: 'throughline.error.receipt_required', defaultMessage: 'This channel has not confirmed receipt of the approved version yet. Confirm receipt first.'},
    not_channel_member: {id: 'throughline.error.not_channel_member', defaultMessage: 'That person (or you) is not a member of this channel.'},
    not_rollable: {id: 'throughline.error.not_rollable', defaultMessage: 'Only a task of a project, not itself part of a rollout, can be rolled out.'},
    asset_unavailable: {id: 'throughline.error.asset_unavailable', defaultMessage: 'That asset no longer exists or belongs to another project.'},
    too_many_feeds: {id: 'throughline.error.too_many_feeds', defaultMessage: 'You have as many calendar feeds as one person may. Revoke one you no longer use first.'},
    too_many_streams: {id: 'throughline.error.too_many_streams', defaultMessage: 'Throughline is open in too many tabs or windows. Close some of them to get live updates here.'},
    internal: {id: 'throughline.error.internal', defaultMessage: 'Something went wrong in Throughline. Nothing was changed; try again.'},
    insufficient_storage: {id: 'throughline.error.insufficient_storage', defaultMessage: 'Throughline is running out of disk space and takes no new files for now. Nothing was stored; tell an administrator.'},
    mattermost_unavailable: {id: 'throughline.error.mattermost_unavailable', defaultMessage: 'Mattermost could not be asked right now. Nothing was saved; try again in a moment.'},
    unavailable: {id: 'throughline.error.unavailable', defaultMessage: 'Throughline cannot do this right now. Try again later.'},
    storage_unavailable: {id: 'throughline.error.storage_unavailable', defaultMessage: 'Throughline cannot reach its file storage right now. Nothing was stored; try again later.'},
});

export const isErrorCode = (code: string): code is ErrorCode => Object.prototype.hasOwnProperty.call(errorMessages, code);
