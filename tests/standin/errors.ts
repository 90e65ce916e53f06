// Mattermost's error answer: {id, message, detailed_error, request_id, status_code}, with the
// en.json texts of the error ids the stand-in emits.
const MESSAGES: Record<string, string> = {
  'api.context.session_expired.app_error': 'Invalid or expired session, please login again.',
  'api.context.permissions.app_error': 'You do not have the appropriate permissions.',
  'api.context.404.app_error': 'Sorry, we could not find the page.',
  'app.channel.get.existing.app_error': 'Unable to find the existing channel.',
  'app.channel.get_member.missing.app_error': 'No channel member found for that user ID and channel ID.',
  'app.post.get.app_error': 'Unable to get the post.',
  'app.user.missing_account.const': 'Unable to find the user.',
  'app.file_info.get.app_error': 'Unable to get the file info.',
  'api.user.login.invalid_credentials_email_username': 'Enter a valid email or username and/or password.',
  'api.user.login.bot_login_forbidden.app_error': 'Bot login is forbidden.',
  'api.user.login.inactive.app_error': 'Login failed because your account has been deactivated. Please contact an administrator.',
  'api.channel.create_direct_channel.invalid_user.app_error': 'Invalid user ID for direct channel creation.',
  'api.post.do_action.action_id.app_error': 'Invalid action id.',
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message?: string,
  ) {
    super(message ?? MESSAGES[id] ?? id);
  }
}

export const permissionError = () => new ApiError(403, 'api.context.permissions.app_error');
export const notFound = (id: string) => new ApiError(404, id);
export const invalidUrlParam = (name: string) =>
  new ApiError(400, 'api.context.invalid_url_param.app_error', `Invalid or missing ${name} parameter in request URL.`);
export const invalidBodyParam = (name: string) =>
  new ApiError(400, 'api.context.invalid_body_param.app_error', `Invalid or missing ${name} in request body.`);
export const invalidParam = (name: string) => new ApiError(400, 'api.context.invalid_param.app_error', `Invalid ${name} parameter.`);

/** An error of the test controls and the state helpers; the API turns it into Mattermost's shape. */
export class StandinError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly id = 'standin.error',
  ) {
    super(message);
  }
}
