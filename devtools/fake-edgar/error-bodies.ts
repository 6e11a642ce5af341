/**
 * Error bodies in the shapes EDGAR answers with. Two kinds of 403 matter to a crawler:
 * the archive's S3-style `<Error><Code>AccessDenied</Code>` XML, which EDGAR sends for paths that
 * do not exist (an unpublished daily index, a wrong folder), and the HTML "Request Rate Threshold
 * Exceeded" page of its throttle. Only the second means "slow down".
 */
import { randomBytes } from 'node:crypto';

const requestId = (): string => randomBytes(8).toString('hex').toUpperCase();

export function accessDeniedXml(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>${requestId()}</RequestId>` +
    `<HostId>${randomBytes(36).toString('base64')}</HostId></Error>`
  );
}

export function throttledHtml(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="content-type" content="text/html; charset=utf-8">
<title>SEC.gov | Request Rate Threshold Exceeded</title>
</head>
<body>
<div id="main-content">
<h1>Your Request Originates from an Undeclared Automated Tool</h1>
<p>To allow for equitable access to all users, SEC reserves the right to limit requests originating from undeclared automated tools. Your request has been identified as part of a network of automated tools outside of the acceptable policy and will be managed until action is taken to declare your traffic.</p>
<p>Please declare your traffic by updating your user agent to include company specific information.</p>
<p>For best practices on efficiently downloading information from SEC.gov, including the latest EDGAR filings, visit sec.gov/developer. You can also sign up for email updates on the SEC open data program, including best practices that make it more efficient to download data, at sec.gov/dera/data.</p>
<p>Reference ID: ${requestId()}</p>
</div>
</body>
</html>
`;
}

export function unavailableHtml(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="content-type" content="text/html; charset=utf-8">
<title>SEC.gov | File Unavailable</title>
</head>
<body class="off-canvas hide-extras">
<div id="main-content" class="row">
<h1 class="goodbye text-center">This page is temporarily unavailable.</h1><hr/>
<p>SEC.gov is undergoing maintenance. During this time, webforms will not be available.</p>
<p>Please check back again soon. We regret any inconvenience, and we thank you for your interest in the SEC website.</p>
</div>
</body>
</html>
`;
}

export function notFoundHtml(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><title>SEC.gov | Page Not Found</title></head>
<body><h1>We can&rsquo;t find that page.</h1><p>Please check the address and try again.</p></body>
</html>
`;
}
