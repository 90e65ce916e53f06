import type { DigestService } from '../digests/digest.service.js';
import type { Caller } from '../http/auth.js';
import { plain } from '../util/markdown.js';
import { refOf, say } from './command.text.js';
import type { IntegrationService, Locale } from './integration.service.js';

/** The project a command in this channel is about: its only one, or the one named `p:<code>`; else what to say. */
export async function chooseProject(
  integrations: IntegrationService,
  locale: Locale,
  channelId: string,
  pick: string | undefined,
): Promise<{ id: string } | string> {
  const projects = await integrations.projectsOf(channelId);
  const list = projects.map((p) => `**${plain(p.name)}** (\`p:${refOf(p.id)}\`)`).join(', ');
  if (!projects.length) return say(locale, 'noProject');
  if (pick) {
    const ref = pick.toLowerCase();
    const found = projects.filter((p) => p.id.endsWith(ref));
    return found.length === 1 ? found[0]! : say(locale, 'unknownProject', { ref: plain(ref), list });
  }
  return projects.length === 1 ? projects[0]! : say(locale, 'severalProjects', { list });
}

/** `/task digest` and its subscription verbs, for the slash command. */
export function digestCommand(integrations: IntegrationService, digests: DigestService) {
  /** `/task digest [p:<code>] [subscribe|unsubscribe]`: the caller's digest of the past week, or their subscription. */
  async function digest(caller: Caller, locale: Locale, channelId: string, raw: string) {
    const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, text });
    const words = raw.trim().split(/\s+/).filter(Boolean);
    const pick = words.find((w) => /^p:[0-9a-f-]{4,36}$/i.test(w))?.slice(2);
    const rest = words.filter((w) => !/^p:/i.test(w)).map((w) => w.toLowerCase());
    const action = rest[0];
    if (rest.length > 1 || (action && !/^(subscribe|unsubscribe|подписаться|отписаться)$/.test(action)))
      return ephemeral(say(locale, 'digestUsage'));
    const project = await chooseProject(integrations, locale, channelId, pick);
    if (typeof project === 'string') return ephemeral(project);
    if (action) {
      const on = action === 'subscribe' || action === 'подписаться';
      await digests.setSubscribed(caller, project.id, on);
      return ephemeral(say(locale, on ? 'digestSubscribed' : 'digestUnsubscribed'));
    }
    return ephemeral((await digests.compileNow(caller, project.id)).markdown);
  }
  return digest;
}
