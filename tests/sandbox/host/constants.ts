// Action types and states of Mattermost's own webapp (channels/src/utils/constants), whose values
// are their names. Plugins that dispatch or match them see the same strings as in Mattermost.
export const ActionTypes = {
  RECEIVED_PLUGIN_COMPONENT: 'RECEIVED_PLUGIN_COMPONENT',
  REMOVED_PLUGIN_COMPONENT: 'REMOVED_PLUGIN_COMPONENT',
  RECEIVED_PLUGIN_POST_COMPONENT: 'RECEIVED_PLUGIN_POST_COMPONENT',
  REMOVED_PLUGIN_POST_COMPONENT: 'REMOVED_PLUGIN_POST_COMPONENT',
  RECEIVED_WEBAPP_PLUGINS: 'RECEIVED_WEBAPP_PLUGINS',
  RECEIVED_WEBAPP_PLUGIN: 'RECEIVED_WEBAPP_PLUGIN',
  REMOVED_WEBAPP_PLUGIN: 'REMOVED_WEBAPP_PLUGIN',
  UPDATE_RHS_STATE: 'UPDATE_RHS_STATE',
  SELECT_POST: 'SELECT_POST',
  SET_RHS_EXPANDED: 'SET_RHS_EXPANDED',
  RECEIVED_TRANSLATIONS: 'RECEIVED_TRANSLATIONS',
} as const;

export const RHSStates = {
  PLUGIN: 'plugin',
} as const;

/** What the sandbox draws. Anything else registered is kept in the store but not shown. */
export const RenderedComponents = new Set([
  'Root',
  'PostDropdownMenu',
  'FilesDropdown',
  'RightHandSidebarComponent',
  'ChannelHeaderButton',
  'AppBar',
  'PostHeader',
  'ChannelComposerBanner',
  'ChannelHeader',
  'SlashCommandWillBePosted',
  'MessageWillBePosted',
]);
