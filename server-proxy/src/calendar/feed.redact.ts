/** A request's URL as logs may show it: a calendar feed's token (the part after /api/v1/feeds/) replaced. */
export function redactedUrl(url: string | undefined): string | undefined {
  return url?.replace(/(\/api\/v1\/feeds\/)[^?#]*/i, '$1[redacted]');
}
