/**
 * DNS-rebinding protection for /mcp, with the MCP SDK's Host and Origin validators and no
 * configuration to get wrong. Rebinding needs a browser, and a browser puts an `Origin` on every
 * POST, so a request carrying one must come from a local page (localhost-class Origin) to a local
 * server (localhost-class Host): the MCP Inspector or a local web client against `npm run dev`.
 * Programs (Claude Code, Claude Desktop, SDK clients) send no Origin and are not limited by Host:
 * they cannot be rebinding victims, and on Cloudflare the edge only routes the Worker's own
 * hostnames to it. A foreign page also never has the bearer token /mcp requires.
 */
import {
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  validateHostHeader,
  validateOriginHeader,
} from '@modelcontextprotocol/server';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError } from '../http/errors.ts';
import type { AppEnv } from '../http/types.ts';

export function refuseForeignBrowsers(): MiddlewareHandler<AppEnv> {
  return async function refuseForeignBrowsers(c, next) {
    const origin = c.req.header('Origin');
    if (origin === undefined) return next();
    const originCheck = validateOriginHeader(origin, localhostAllowedOrigins());
    if (!originCheck.ok) {
      throw new ForbiddenError(
        `MCP requests from web pages must come from localhost: ${originCheck.message}`,
      );
    }
    // Over HTTP the Host header is always there; an in-process request may carry only its URL.
    const host = c.req.header('Host') ?? new URL(c.req.url).host;
    const hostCheck = validateHostHeader(host, localhostAllowedHostnames());
    if (!hostCheck.ok) {
      throw new ForbiddenError(`A web page may only reach a local MCP server: ${hostCheck.message}`);
    }
    return next();
  };
}
