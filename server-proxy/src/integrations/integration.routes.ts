import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import { LIMITS } from '@throughline/contract';
import type { DecisionFlow } from '../decisions/decision.flow.js';
import type { DecisionService } from '../decisions/decision.service.js';
import type { RolloutService } from '../rollouts/rollout.service.js';
import type { DigestService } from '../digests/digest.service.js';
import { digestCommand } from './digest.command.js';
import type { SearchService } from '../search/search.service.js';
import { decidedProposal, quoted, taskAttachment } from '../outbox/messages.js';
import { snapshot, type TaskService } from '../tasks/task.service.js';
import { plain } from '../util/markdown.js';
import type { Task, TaskStatus } from '../tasks/task.types.js';
import { find } from './command.find.js';
import { refOf, say, statusName, taskLine } from './command.text.js';
import type { IntegrationService, Locale } from './integration.service.js';
import { buttonRefusal, commandRefusal, confirmForTask, rollOut } from './rollout.command.js';
import { decide } from './decide.command.js';
import { sameString, type ActionSigner } from './signer.js';

export interface IntegrationDeps {
  integrations: IntegrationService;
  tasks: TaskService;
  decisions: DecisionService;
  rollouts: RolloutService;
  flow: DecisionFlow;
  digests: DigestService;
  search: SearchService;
  signer: ActionSigner;
  slashToken: string | null;
  actionsUrl: string;
}
const ID = '^[a-z0-9]{26}$';

const CommandBody = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 64 })),
  user_id: Type.String({ pattern: ID }),
  channel_id: Type.String({ pattern: ID }),
  team_id: Type.Optional(Type.String({ maxLength: 26 })),
  user_name: Type.Optional(Type.String({ maxLength: 64 })),
  command: Type.Optional(Type.String({ maxLength: 64 })),
  text: Type.Optional(Type.String({ maxLength: 8000 })),
  /** Run in a thread: the thread's root post (sent by Mattermost versions that pass it). */
  root_id: Type.Optional(Type.String({ maxLength: 26 })),
});

const ActionBody = Type.Object({
  user_id: Type.String({ pattern: ID }),
  channel_id: Type.Optional(Type.String({ maxLength: 26 })),
  post_id: Type.Optional(Type.String({ maxLength: 26 })),
  team_id: Type.Optional(Type.String({ maxLength: 26 })),
  context: Type.Optional(Type.Unknown()),
});

/**
 * The mobile path: Mattermost's mobile apps run no webapp plugins, so `/task` and the buttons on the
 * bot's cards reach the service directly. Mattermost vouches for the user (command token, signed
 * button context); the bot then checks channel membership for them like any other request.
 */
export const integrationRoutes: FastifyPluginAsyncTypebox<IntegrationDeps> = async (app, deps) => {
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  const { integrations, tasks, flow, signer } = deps;
  const rolloutDeps = deps;
  const digest = digestCommand(integrations, deps.digests);

  /** A task the caller may see, from its short code. */
  async function byRef(caller: Caller, locale: Locale, raw: string): Promise<Task | string> {
    const ref = raw.trim().replace(/^#/, '').toLowerCase();
    if (!/^[0-9a-f-]{6,36}$/.test(ref)) return say(locale, 'badRef');
    const visible = await integrations.tasksByRef(caller, ref);
    if (!visible.length) return say(locale, 'notFound', { ref });
    if (visible.length > 1) return say(locale, 'ambiguous', { ref });
    return visible[0]!;
  }

  async function setStatus(caller: Caller, t: Task, status: TaskStatus): Promise<Task> {
    return tasks.update(caller, t.id, { version: t.version, status });
  }

  function explain(locale: Locale, err: unknown): string {
    if (err instanceof AppError) {
      if (err.code === 'mattermost_unavailable') return say(locale, 'unavailable');
      return say(locale, 'failed', { message: plain(err.message) });
    }
    throw err;
  }

  app.post(
    '/mattermost/command',
    {
      config: { public: true },
      schema: { tags: ['mattermost'], summary: 'The /task slash command (form post from Mattermost)', body: CommandBody, hide: false },
    },
    async (req, reply) => {
      const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, text });
      // Mattermost shows the text of a 200 answer only; any other status becomes a bare error for the
      // user. Refusals therefore answer 200 with an ephemeral explanation, and change nothing.
      if (!deps.slashToken) return ephemeral(say('en', 'notConfigured'));
      const header = req.headers.authorization ?? '';
      const given = /^token\s+(\S+)$/i.exec(header)?.[1] ?? '';
      if (!given || !sameString(given, deps.slashToken)) {
        req.log.warn('slash command with a wrong token refused');
        return reply.header('x-throughline-refused', 'bad_token').send(ephemeral(say('en', 'badToken')));
      }

      let who: { caller: Caller; locale: Locale };
      try {
        who = await integrations.callerFor(req.body.user_id);
      } catch (err) {
        return ephemeral(explain('en', err));
      }
      const { caller, locale } = who;
      const text = (req.body.text ?? '').trim();
      const [verb = '', ...rest] = text.split(/\s+/);
      const arg = rest.join(' ');
      const channelId = req.body.channel_id;

      try {
        if (!text || /^(help|помощь|\?)$/i.test(verb)) return ephemeral(say(locale, 'help'));
        if (/^(list|mine)$/i.test(verb) && !arg) {
          const mine = verb.toLowerCase() === 'mine';
          const open = (await tasks.list(caller, mine ? { mine: true, limit: 200 } : { channel_id: channelId, limit: 200 })).items
            .filter((t) => t.status !== 'done' && t.status !== 'cancelled')
            .slice(0, 25);
          if (!open.length) return ephemeral(say(locale, mine ? 'noneMine' : 'none'));
          const names = await integrations.usernames(open.flatMap((t) => (t.assignee_id ? [t.assignee_id] : [])));
          return ephemeral([say(locale, 'listHead', { n: open.length }), ...open.map((t) => taskLine(locale, t, names))].join('\n'));
        }
        if (/^(digest|сводка)$/i.test(verb)) return await digest(caller, locale, channelId, arg);
        if (/^(find|search|найти|поиск)$/i.test(verb))
          return ephemeral(await find(deps.search, caller, locale, text.slice(verb.length).trim()));
        if (/^(rollout|разослать)$/i.test(verb)) return await rollOut(rolloutDeps, caller, locale, text.slice(verb.length), byRef);
        if (/^(decide|решение)$/i.test(verb))
          return await decide(deps, caller, locale, channelId, req.body.root_id, text.slice(verb.length));
        if (/^(done|start)$/i.test(verb) && arg && !arg.includes(' ')) {
          const found = await byRef(caller, locale, arg);
          if (typeof found === 'string') return ephemeral(found);
          const status: TaskStatus = verb.toLowerCase() === 'done' ? 'done' : 'in_progress';
          let updated: Task;
          try {
            updated = await setStatus(caller, found, status);
          } catch (err) {
            return commandRefusal(deps, locale, err, found.id);
          }
          return {
            response_type: 'in_channel',
            text: say(locale, 'changed', { user: caller.username, title: plain(updated.title), status: statusName(locale, status) }),
          };
        }
        const [first = '', ...more] = text.split('\n');
        const title = first.trim();
        if ([...title].length > LIMITS.titleMax) return ephemeral(say(locale, 'tooLong', { max: LIMITS.titleMax, n: [...title].length }));
        const { task } = await tasks.create(caller, { channel_id: channelId, title, description: more.join('\n').trim() });
        return {
          response_type: 'in_channel',
          text: say(locale, 'created', { user: caller.username, title: plain(task.title) }) + `  \`#${refOf(task.id)}\``,
          attachments: [taskAttachment(snapshot(task), { locale, actionsUrl: deps.actionsUrl, signer, assigneeName: null })],
        };
      } catch (err) {
        if (err instanceof AppError && err.code === 'not_found')
          return ephemeral(say(locale, 'noAccess', { bot: await integrations.botName() }));
        return ephemeral(explain(locale, err));
      }
    },
  );

  app.post(
    '/mattermost/actions',
    {
      config: { public: true },
      schema: { tags: ['mattermost'], summary: 'Button clicks on the bot’s cards (JSON from Mattermost)', body: ActionBody },
    },
    async (req, reply) => {
      const ctx = signer.verify(req.body.context);
      // As for commands, Mattermost relays only a 200 answer's text to the user.
      const refuse = (code: string, text: string) => reply.header('x-throughline-refused', code).send({ ephemeral_text: text });
      if (!ctx) return refuse('invalid', 'This button is not valid.');
      let who: { caller: Caller; locale: Locale };
      try {
        who = await integrations.callerFor(req.body.user_id);
      } catch (err) {
        return refuse('unknown_user', explain('en', err));
      }
      const { caller, locale } = who;
      // A receipt button confirms for the channel it was signed for, and only from a post in that channel.
      if ((ctx.a === 'ack' || ctx.a === 'dack') && req.body.channel_id !== ctx.t.split(':')[1])
        return refuse('wrong_channel', say(locale, 'otherChannel'));
      // A "Decide" button decides only from its card, in the decision's source channel.
      if (ctx.a === 'decide' && req.body.channel_id !== ctx.t.split(':')[1])
        return refuse('wrong_channel', say(locale, 'decideOtherChannel'));
      // One click per button: a replayed request finds its nonce taken.
      if (!(await integrations.claimClick(ctx.n, caller.id))) return refuse('replayed', say(locale, 'used'));
      const giveBack = () => integrations.releaseClick(ctx.n);

      if (ctx.a === 'decide') {
        const [decisionId = '', channelId = ''] = ctx.t.split(':');
        try {
          // decide() asks the caller's rights: the approver, or any non-guest member of the source channel when none is named.
          const current = await flow.get(caller, decisionId);
          const d = await flow.decide(caller, decisionId, { version: current.version });
          return {
            ephemeral_text: say(locale, 'decideDone'),
            update: decidedProposal(
              { decision_id: d.id, channel_id: channelId, status: d.status, statement: d.statement, superseded_by_id: d.superseded_by_id },
              locale,
              caller.username,
            ),
          };
        } catch (err) {
          await giveBack();
          if (err instanceof AppError && (err.code === 'not_found' || err.code === 'forbidden'))
            return refuse(err.code, say(locale, 'decideRefused'));
          if (err instanceof AppError) return refuse(err.code, explain(locale, err));
          throw err;
        }
      }
      if (ctx.a === 'dack') {
        const [decisionId = '', channelId = ''] = ctx.t.split(':');
        try {
          const d = await flow.confirmReceipt(caller, decisionId, channelId);
          return {
            ephemeral_text: say(locale, 'decisionConfirmed'),
            update: {
              message: say(locale, 'decisionReceiptDone', { user: caller.username, statement: quoted(d.statement) }),
              props: {
                decision: {
                  decision_id: d.id,
                  channel_id: channelId,
                  status: d.status,
                  statement: d.statement,
                  superseded_by_id: d.superseded_by_id,
                },
                attachments: [],
              },
            },
          };
        } catch (err) {
          await giveBack();
          if (err instanceof AppError) return refuse(err.code, explain(locale, err));
          throw err;
        }
      }
      if (ctx.a === 'ack') {
        const [versionId = '', channelId = ''] = ctx.t.split(':');
        try {
          const asset = await integrations.confirmFromCard(caller, versionId, channelId);
          const version = asset.versions.find((v) => v.id === versionId)!;
          const receipt = asset.receipts.find((r) => r.channel_id === channelId);
          // The card loses its button (mobile shows it otherwise) but keeps what the webapp card reads.
          return {
            ephemeral_text: say(locale, 'confirmed', { name: plain(asset.name) }),
            update: {
              message: say(locale, 'receiptDone', {
                user: caller.username,
                name: plain(asset.name),
                number: version.number,
                file: plain(version.file_name),
              }),
              props: {
                approval: {
                  asset_id: asset.id,
                  version_id: versionId,
                  channel_id: channelId,
                  version_number: version.number,
                  asset_name: asset.name,
                  file_name: version.file_name,
                  confirmed_by: receipt?.confirmed_by ?? caller.id,
                  confirmed_at: receipt?.confirmed_at ?? null,
                },
                attachments: [],
              },
            },
          };
        } catch (err) {
          await giveBack();
          if (err instanceof AppError) return refuse(err.code, explain(locale, err));
          throw err;
        }
      }
      if (ctx.a === 'rack') {
        const done = await confirmForTask(rolloutDeps, caller, locale, ctx.t, req.body.channel_id, (err) => explain(locale, err));
        if ('answer' in done) return done.answer;
        await giveBack();
        return refuse(done.refused, done.text);
      }
      let task: Task | null = null;
      try {
        task = await tasks.get(caller, ctx.t);
        const updated = await setStatus(caller, task, ctx.a === 'done' ? 'done' : 'in_progress');
        const names = await integrations.usernames(updated.assignee_id ? [updated.assignee_id] : []);
        return {
          update: {
            message: say(locale, 'changed', {
              user: caller.username,
              title: plain(updated.title),
              status: statusName(locale, updated.status),
            }),
            props: {
              task: snapshot(updated),
              attachments: [
                taskAttachment(snapshot(updated), {
                  locale,
                  actionsUrl: deps.actionsUrl,
                  signer,
                  assigneeName: (updated.assignee_id && names.get(updated.assignee_id)) || null,
                }),
              ],
            },
          },
        };
      } catch (err) {
        await giveBack();
        const refusal = task && buttonRefusal(deps, locale, err, task);
        if (refusal) return reply.header('x-throughline-refused', 'receipt_required').send(refusal);
        if (err instanceof AppError && err.code === 'not_found') return refuse('not_found', say(locale, 'notFound', { ref: refOf(ctx.t) }));
        if (err instanceof AppError) return refuse(err.code, explain(locale, err));
        throw err;
      }
    },
  );
};
