import {defineMessages} from 'react-intl';

// What the main bundle says of rollouts: the buttons that open the views. The views' own strings
// live with them, in the rollouts chunk (view_messages.ts).
export default defineMessages({
    rollOut: {id: 'throughline.rollout.rollOut', defaultMessage: 'Roll out to regions…'},
    leads: {id: 'throughline.rollout.leads', defaultMessage: 'Leads'},
    loadingView: {id: 'throughline.rollout.loadingView', defaultMessage: 'Loading…'},
    viewFailed: {id: 'throughline.rollout.viewFailed', defaultMessage: 'This view could not be loaded. Check your connection and reload the page.'},
});
