// Which Mattermost each host plays, and the registry surfaces that Mattermost has. Read from
// Mattermost's source (webapp channels/src/plugins/registry.ts and its history): a surface a
// version lacks is absent from the registry (so a plugin's `typeof` check sees it missing), and an
// argument a version does not know is dropped, as its reArg drops it.
export type HostProfile = {
  /** The Mattermost version the host plays. */
  mattermost: string;
  /**
   * `registry.supports = {globalAppBar, globalRhs}` and `registerAppBarComponent(…, rhsComponent,
   * rhsTitle)`: the RHS mounted at the root, opened from the App Bar in any view (7.4, #11019).
   */
  globalRhs: boolean;
  /**
   * A plugin's RHS can pop out into a window of its own, and `registerRHSPluginPopoutListener(
   * pluginId, onPopoutOpened)` (11.3, #34692).
   */
  rhsPopout: boolean;
  /** `registerRightHandSidebarComponent(component, title, showPopout)` (#37125, in 12). */
  showPopout: boolean;
  /** `registerPostHeaderComponent(component)`: a component in every post's header (12). */
  postHeader: boolean;
  /**
   * `registerChannelComposerBannerComponent(component)`: a component above the message box of the
   * channel and of a thread, given `{channel}` (12: components/channel_view/channel_composer_banner).
   */
  composerBanner: boolean;
};

export const PROFILES = {
  // React 17 hosts Mattermost 7–9: the oldest of them, before the global RHS.
  '17': { mattermost: '7.3', globalRhs: false, rhsPopout: false, showPopout: false, postHeader: false, composerBanner: false },
  // React 18.2 hosts Mattermost 10–11: 11.2, the last before RHS popouts.
  '18': { mattermost: '11.2', globalRhs: true, rhsPopout: false, showPopout: false, postHeader: false, composerBanner: false },
  '19': { mattermost: '12.1', globalRhs: true, rhsPopout: true, showPopout: true, postHeader: true, composerBanner: true },
} satisfies Record<string, HostProfile>;

export type ReactLine = keyof typeof PROFILES;

/** The profile of the host running React `version` ("19.2.9" → Mattermost 12.1). */
export function profileForReact(version: string): HostProfile {
  const major = version.split('.')[0];
  return major in PROFILES ? PROFILES[major as ReactLine] : PROFILES['18'];
}
