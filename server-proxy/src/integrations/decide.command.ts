import type { DecisionService } from '../decisions/decision.service.js';
import type { Caller } from '../http/auth.js';
import { quoted } from '../outbox/messages.js';
import { plain } from '../util/markdown.js';
import { refOf, say } from './command.text.js';
import type { IntegrationService, Locale } from './integration.service.js';

/**
 * `/task decide [p:<code>] <text>`: a proposed decision in this channel's project. In a thread the
 * thread's root is the source (its author proposed it; the text defaults to it).
 */
export async function decide(
  deps: { integrations: IntegrationService; decisions: DecisionService },
  caller: Caller,
  locale: Locale,
  channelId: string,
  rootId: string | undefined,
  raw: string,
) {
  const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, text });
  const given = raw.trim();
  const pick = /^p:([0-9a-f-]{4,36})(?:\s+|$)/i.exec(given);
  const text = (pick ? given.slice(pick[0].length) : given).trim();
  const root = rootId && /^[a-z0-9]{26}$/.test(rootId) ? rootId : undefined;
  if (!text && !root) return ephemeral(say(locale, 'decisionEmpty'));
  const projects = await deps.integrations.projectsOf(channelId);
  const list = projects.map((p) => `**${plain(p.name)}** (\`p:${refOf(p.id)}\`)`).join(', ');
  if (!projects.length) return ephemeral(say(locale, 'noProject'));
  let project = projects.length === 1 && !pick ? projects[0]! : undefined;
  if (pick) {
    const ref = pick[1]!.toLowerCase();
    const found = projects.filter((p) => p.id.endsWith(ref));
    if (found.length !== 1) return ephemeral(say(locale, 'unknownProject', { ref: plain(ref), list }));
    project = found[0];
  }
  if (!project) return ephemeral(say(locale, 'severalProjects', { list }));
  const d = await deps.decisions.create(caller, {
    project_id: project.id,
    ...(root ? { post_id: root } : { channel_id: channelId }),
    ...(text ? { statement: text } : {}),
  });
  return {
    response_type: 'in_channel' as const,
    text: say(locale, 'decisionRecorded', { user: caller.username, statement: quoted(d.statement) }),
  };
}
