export type ReactVersion = '17' | '18';

/** The sandbox's index page: Mattermost's root element, the host bundle for the chosen React. */
export function hostPageHtml(react: ReactVersion): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Throughline sandbox — not Mattermost</title>
<link rel="stylesheet" href="/sandbox/host.css">
</head>
<body>
<noscript>The Throughline sandbox needs JavaScript.</noscript>
<div id="root"></div>
<script src="/sandbox/react${react}/host.js"></script>
</body>
</html>
`;
}
