import type { ChannelType } from '@mattermost/types/channels';
import type { UserNotifyProps, UserProfile } from '@mattermost/types/users';

import { fixtureId } from './ids.js';
import { makePdf, makePng } from './media.js';
import { addChannel, addFile, addMember, channelRoles, insertPost, type StandinState } from './state.js';

// The world the tests talk about: one retail chain's marketing team in the
// middle of its spring campaign. Ids and tokens are fixed so tests, the
// sandbox and humans can refer to everything by name.

const DAY = 24 * 60 * 60 * 1000;
/** Monday 3 March 2025, 09:00 Moscow time. */
const CAMPAIGN_START = Date.UTC(2025, 2, 3, 6, 0, 0);
const ORG_START = CAMPAIGN_START - 120 * DAY;

type Seed = { roles: string; locale: string; position: string; nickname?: string; bot_description?: string };

const user = <N extends string>(name: N, email: string, first_name: string, last_name: string, description: string, seed: Seed) => ({
  id: fixtureId('usr', name),
  token: fixtureId('tok', name),
  username: name,
  email,
  first_name,
  last_name,
  description,
  ...seed,
});

export const fixtures = {
  /** Any password logs a fixture user in (the sandbox uses login as a user switcher). */
  password: 'any-password-works',
  team: { id: fixtureId('team', 'retailmarketing'), name: 'retail-marketing', display_name: 'Retail Marketing' },
  users: {
    olga: user('olga', 'olga.smirnova@retailchain.example', 'Olga', 'Smirnova', 'office manager', {
      roles: 'system_user',
      locale: 'en',
      position: 'Office Manager, Marketing',
    }),
    dmitry: user('dmitry', 'dmitry.volkov@retailchain.example', 'Dmitry', 'Volkov', 'designer', {
      roles: 'system_user',
      locale: 'en',
      position: 'Senior Designer',
    }),
    pavel: user('pavel', 'pavel.orlov@retailchain.example', 'Павел', 'Орлов', 'Samara regional manager', {
      roles: 'system_user',
      locale: 'ru',
      position: 'Региональный менеджер, Самара',
    }),
    agency: user('agency', 'emma.clarke@northlight-agency.example', 'Emma', 'Clarke', 'agency guest', {
      roles: 'system_guest',
      locale: 'en',
      position: 'Account Director, Northlight Agency',
      nickname: 'Northlight',
    }),
    kazan: user('kazan', 'aigul.khasanova@kazan-franchise.example', 'Айгуль', 'Хасанова', 'Kazan franchisee guest', {
      roles: 'system_guest',
      locale: 'ru',
      position: 'Франчайзи, Казань',
    }),
    admin: user('admin', 'sergey.ivanov@retailchain.example', 'Sergey', 'Ivanov', 'system admin', {
      roles: 'system_admin system_user',
      locale: 'en',
      position: 'IT Administrator',
    }),
    throughline: user('throughline', 'throughline@localhost', '', '', 'bot', {
      roles: 'system_user',
      locale: 'en',
      position: '',
      bot_description: 'Throughline: tasks, approved asset versions and decisions for your campaigns.',
    }),
  },
  channels: {
    townSquare: { id: fixtureId('ch', 'townsquare'), name: 'town-square', display_name: 'Town Square', type: 'O' },
    offTopic: { id: fixtureId('ch', 'offtopic'), name: 'off-topic', display_name: 'Off-Topic', type: 'O' },
    campaignHq: { id: fixtureId('ch', 'campaignhq'), name: 'campaign-hq', display_name: 'Spring Campaign · HQ', type: 'P' },
    regionKazan: { id: fixtureId('ch', 'regionkazan'), name: 'region-kazan', display_name: 'Region · Kazan', type: 'P' },
    regionSamara: { id: fixtureId('ch', 'regionsamara'), name: 'region-samara', display_name: 'Region · Samara', type: 'P' },
    regionNovosibirsk: {
      id: fixtureId('ch', 'regionnovosibirsk'),
      name: 'region-novosibirsk',
      display_name: 'Region · Novosibirsk',
      type: 'P',
    },
    agencyBrief: { id: fixtureId('ch', 'agencybrief'), name: 'agency-brief', display_name: 'Agency brief', type: 'P' },
  },
  posts: {
    welcome: { id: fixtureId('post', 'welcome') },
    pavelJoined: { id: fixtureId('post', 'paveljoined') },
    offTopicBoxes: { id: fixtureId('post', 'offtopicboxes') },
    offTopicReply: { id: fixtureId('post', 'offtopicreply') },
    kickoff: { id: fixtureId('post', 'kickoff') },
    /** The multi-line "slogan B is final" post. */
    outdoorFinal: { id: fixtureId('post', 'outdoorfinal') },
    /** Thread reply to outdoorFinal. */
    outdoorReply: { id: fixtureId('post', 'outdoorreply') },
    /** Two files: files.outdoorPng and files.flyerPdf. */
    layoutsV2: { id: fixtureId('post', 'layoutsv2') },
    agencyThanks: { id: fixtureId('post', 'agencythanks') },
    kazanFinal: { id: fixtureId('post', 'kazanfinal') },
    /** One file: files.kazanPhoto. */
    kazanPhoto: { id: fixtureId('post', 'kazanphoto') },
    /** One file: files.samaraQuote. */
    samaraQuote: { id: fixtureId('post', 'samaraquote') },
    samaraReply: { id: fixtureId('post', 'samarareply') },
    novosibirskDelay: { id: fixtureId('post', 'novosibirskdelay') },
    briefNorthlight: { id: fixtureId('post', 'briefnorthlight') },
    briefAck: { id: fixtureId('post', 'briefack') },
  },
  files: {
    outdoorPng: { id: fixtureId('file', 'outdoorpng'), name: 'outdoor-6x3-slogan-B-v2.png', mime_type: 'image/png' },
    flyerPdf: { id: fixtureId('file', 'flyerpdf'), name: 'flyer-A4-v2.pdf', mime_type: 'application/pdf' },
    kazanPhoto: { id: fixtureId('file', 'kazanphoto'), name: 'kazan-bauman-st-installation.png', mime_type: 'image/png' },
    samaraQuote: { id: fixtureId('file', 'samaraquote'), name: 'samara-print-quote.pdf', mime_type: 'application/pdf' },
  },
} as const;

export type FixtureUserName = keyof typeof fixtures.users;
export type FixtureChannelName = keyof typeof fixtures.channels;

const U = fixtures.users;
const C = fixtures.channels;
const P = fixtures.posts;
const F = fixtures.files;

const NOTIFY: UserNotifyProps = {
  desktop: 'mention',
  desktop_sound: 'true',
  calls_desktop_sound: 'true',
  email: 'true',
  mark_unread: 'all',
  push: 'mention',
  push_status: 'away',
  comments: 'never',
  first_name: 'false',
  channel: 'true',
  mention_keys: '',
  highlight_keys: '',
};

/** Who is in which channel; the first user listed created the channel. */
const MEMBERSHIP: Record<FixtureChannelName, FixtureUserName[]> = {
  townSquare: ['admin', 'olga', 'dmitry', 'pavel', 'throughline'],
  offTopic: ['admin', 'olga'],
  campaignHq: ['olga', 'dmitry', 'agency', 'admin', 'throughline'],
  regionKazan: ['olga', 'dmitry', 'kazan', 'admin', 'throughline'],
  regionSamara: ['olga', 'dmitry', 'pavel', 'admin', 'throughline'],
  regionNovosibirsk: ['olga', 'dmitry', 'admin', 'throughline'],
  agencyBrief: ['olga', 'dmitry', 'agency', 'admin', 'throughline'],
};

const PURPOSES: Partial<Record<FixtureChannelName, string>> = {
  campaignHq: 'Spring campaign: layouts, approvals, deadlines. Final versions only in Throughline.',
  regionKazan: 'Kazan stores and the franchisee: local rollout of the spring campaign.',
  regionSamara: 'Samara stores: local rollout of the spring campaign.',
  regionNovosibirsk: 'Novosibirsk stores: local rollout of the spring campaign.',
  agencyBrief: 'Northlight Agency × Retail Marketing.',
};

/** Fills an empty state with the fixtures. Deterministic: same ids, times and bytes every run. */
export function seed(s: StandinState): void {
  const team = fixtures.team;
  s.teams.set(team.id, {
    id: team.id,
    create_at: ORG_START,
    update_at: ORG_START,
    delete_at: 0,
    display_name: team.display_name,
    name: team.name,
    description: 'Head office marketing, regions, agencies and franchisees.',
    email: 'marketing@retailchain.example',
    type: 'I',
    company_name: 'Retail Chain',
    allowed_domains: '',
    invite_id: 'invteamretailmarketing0000',
    allow_open_invite: false,
    scheme_id: '',
    group_constrained: false,
    policy_id: null,
  });
  const teamMembers = new Map();
  s.teamMembers.set(team.id, teamMembers);

  for (const [name, f] of Object.entries(U) as [FixtureUserName, Seed & (typeof U)[FixtureUserName]][]) {
    const created = ORG_START + Object.keys(U).indexOf(name) * DAY;
    const profile: UserProfile = {
      id: f.id,
      create_at: created,
      update_at: created,
      delete_at: 0,
      username: f.username,
      password: '',
      auth_service: '',
      email: f.email,
      nickname: f.nickname ?? '',
      first_name: f.first_name,
      last_name: f.last_name,
      position: f.position,
      roles: f.roles,
      props: {},
      notify_props: { ...NOTIFY, mention_keys: `${f.username},@${f.username}` },
      last_password_update: created,
      last_picture_update: 0,
      locale: f.locale,
      timezone: {
        useAutomaticTimezone: 'true',
        automaticTimezone: f.locale === 'ru' ? 'Europe/Moscow' : 'Europe/London',
        manualTimezone: '',
      },
      mfa_active: false,
      last_activity_at: 0,
      is_bot: name === 'throughline',
      bot_description: f.bot_description ?? '',
      terms_of_service_id: '',
      terms_of_service_create_at: 0,
    };
    s.users.set(profile.id, profile);
    s.sessions.set(f.token, { token: f.token, user_id: f.id, csrf: fixtureId('csrf', name), create_at: created });
    const guest = f.roles.includes('system_guest');
    const roles = guest ? 'team_guest' : name === 'admin' ? 'team_user team_admin' : 'team_user';
    teamMembers.set(f.id, {
      team_id: team.id,
      user_id: f.id,
      roles,
      delete_at: 0,
      scheme_guest: guest,
      scheme_user: !guest,
      scheme_admin: name === 'admin',
    });
  }

  let channelIndex = 0;
  for (const [name, c] of Object.entries(C) as [FixtureChannelName, (typeof C)[FixtureChannelName]][]) {
    const created = ORG_START + (channelIndex++ + 10) * DAY;
    const memberNames = MEMBERSHIP[name];
    const channel = addChannel(s, {
      id: c.id,
      team_id: team.id,
      type: c.type as ChannelType,
      name: c.name,
      display_name: c.display_name,
      creator_id: U[memberNames[0] ?? 'admin'].id,
      purpose: PURPOSES[name],
      at: created,
    });
    for (const m of memberNames) {
      const profile = s.users.get(U[m].id);
      if (profile) {
        // Olga runs the campaign channel; everyone else holds the scheme default role.
        addMember(s, channel.id, profile.id, channelRoles(profile, name === 'campaignHq' && m === 'olga'), created);
      }
    }
  }

  let minute = 0;
  const at = (dayOffset: number) => CAMPAIGN_START + dayOffset * DAY + minute++ * 60_000;
  const post = (
    id: string,
    who: FixtureUserName,
    channel: FixtureChannelName,
    message: string,
    extra: { day?: number; root?: string; files?: string[]; type?: string; props?: Record<string, unknown> } = {},
  ) =>
    insertPost(s, {
      id,
      user_id: U[who].id,
      channel_id: C[channel].id,
      message,
      create_at: at(extra.day ?? 0),
      root_id: extra.root,
      file_ids: extra.files,
      type: extra.type,
      props: extra.props,
    });
  const file = (f: (typeof F)[keyof typeof F], who: FixtureUserName, channel: FixtureChannelName, bytes: Buffer, day = 0) =>
    addFile(s, {
      id: f.id,
      user_id: U[who].id,
      channel_id: C[channel].id,
      name: f.name,
      mime_type: f.mime_type,
      bytes,
      create_at: at(day),
    });

  post(P.welcome.id, 'admin', 'townSquare', 'Welcome to Retail Marketing! Campaign channels are private — ask @olga for access.', {
    day: -20,
  });
  post(P.pavelJoined.id, 'pavel', 'townSquare', 'pavel joined the channel.', {
    day: -19,
    type: 'system_join_channel',
    props: { username: 'pavel' },
  });
  post(P.offTopicBoxes.id, 'olga', 'offTopic', 'Who ordered 40 boxes of A4 paper? The courier is waiting at reception 📦', { day: -3 });
  post(P.offTopicReply.id, 'admin', 'offTopic', 'Mine, for the print-shop tests. Sorry!', { day: -3 });

  post(
    P.kickoff.id,
    'olga',
    'campaignHq',
    'Spring campaign kick-off: launch on March 24 in all three regions. All layouts go through this channel, please.',
  );
  post(
    P.outdoorFinal.id,
    'dmitry',
    'campaignHq',
    'Outdoor 6x3 — slogan B is final\nPlease update the layout for all regions: Kazan, Samara, Novosibirsk.\nDeadline: Friday 18:00, print files to the agency.',
    { day: 1 },
  );
  post(P.outdoorReply.id, 'olga', 'campaignHq', 'Согласовано с руководством, запускаем. Регионам отправлю финальную версию в пятницу.', {
    day: 1,
    root: P.outdoorFinal.id,
  });
  file(F.outdoorPng, 'dmitry', 'campaignHq', billboardPng(), 2);
  file(
    F.flyerPdf,
    'dmitry',
    'campaignHq',
    makePdf(['Spring Campaign - A4 flyer, v2', 'Slogan B: "Spring starts at home"', 'Print: 4+0, 210x297 mm, bleed 3 mm']),
    2,
  );
  post(P.layoutsV2.id, 'dmitry', 'campaignHq', 'Layouts v2: the 6x3 billboard and the A4 flyer, both with slogan B.', {
    day: 2,
    files: [F.outdoorPng.id, F.flyerPdf.id],
  });
  post(P.agencyThanks.id, 'agency', 'campaignHq', 'Thanks, Dmitry! We will send the print-ready PDFs by Thursday.', { day: 2 });

  post(P.kazanFinal.id, 'olga', 'regionKazan', 'Казань: финальный макет 6×3 будет в пятницу. Подтвердите, пожалуйста, получение.', {
    day: 3,
  });
  file(F.kazanPhoto, 'kazan', 'regionKazan', installationPng(), 4);
  post(P.kazanPhoto.id, 'kazan', 'regionKazan', 'Билборд на Баумана смонтирован, фото во вложении.', { day: 4, files: [F.kazanPhoto.id] });

  file(F.samaraQuote, 'pavel', 'regionSamara', makePdf(['Samara print quote', 'Outdoor 6x3: 12 boards', 'Flyers A4: 20 000 pcs']), 3);
  post(P.samaraQuote.id, 'pavel', 'regionSamara', 'Самара: прайс подрядчика на печать, проверьте до среды.', {
    day: 3,
    files: [F.samaraQuote.id],
  });
  post(P.samaraReply.id, 'dmitry', 'regionSamara', 'Посмотрю сегодня, Павел.', { day: 3 });

  post(
    P.novosibirskDelay.id,
    'olga',
    'regionNovosibirsk',
    'Novosibirsk: the mall moved the installation to April 1, so the launch there shifts by a week.',
    { day: 4 },
  );

  post(
    P.briefNorthlight.id,
    'olga',
    'agencyBrief',
    'Brief for Northlight: spring campaign, three regions, outdoor 6x3 + A4 flyer. Tone: warm, family, no discounts in the headline.',
    { day: -2 },
  );
  post(P.briefAck.id, 'agency', 'agencyBrief', 'Received. First concepts by Monday.', { day: -2 });
}

/** A tiny "billboard": sky gradient, a green board, a white slogan bar. */
function billboardPng(): Buffer {
  return makePng(96, 32, (x, y) => {
    if (y >= 10 && y < 16 && x >= 12 && x < 84) {
      return [250, 250, 245];
    }
    if (y < 24) {
      return [40 + x, 150 + (x >> 2), 90];
    }
    return [135 + y, 190 + y, 235];
  });
}

/** A tiny "photo" of the installed board at dusk. */
function installationPng(): Buffer {
  return makePng(64, 48, (x, y) => {
    if (y > 12 && y < 30 && x > 10 && x < 54) {
      return [60, 160, 95];
    }
    if (y >= 30 && (x === 31 || x === 32)) {
      return [70, 70, 70];
    }
    return [255 - y * 2, 140 - y, 90 + y];
  });
}
