import {defineMessages} from 'react-intl';

// What the main bundle says of decisions: the post action, the card, statuses. The log's and the
// dialog's strings live with them, in the decisions chunk (view_messages.ts).
export default defineMessages({
    recordAction: {id: 'throughline.postMenu.recordDecision', defaultMessage: 'Record as decision'},
    cardLabel: {id: 'throughline.decision.card.label', defaultMessage: 'Decision'},
    cardLoading: {id: 'throughline.decision.card.loading', defaultMessage: 'Loading the decision…'},
    cardDecided: {id: 'throughline.decision.card.decided', defaultMessage: 'Decided by {user}, {when}'},
    cardDecide: {id: 'throughline.decision.card.decide', defaultMessage: 'Decide'},
    cardSupersededBy: {id: 'throughline.decision.card.supersededBy', defaultMessage: 'Superseded by “{statement}”'},
    cardSupersededByUnknown: {id: 'throughline.decision.card.supersededByUnknown', defaultMessage: 'Superseded by a later decision'},
    cardRevoked: {id: 'throughline.decision.card.revoked', defaultMessage: 'Revoked: {reason}'},
    cardConfirmed: {id: 'throughline.decision.card.confirmed', defaultMessage: 'Receipt confirmed by {user}, {when}'},
    cardWaiting: {id: 'throughline.decision.card.waiting', defaultMessage: 'Waiting for this channel to confirm receipt'},
    confirmReceipt: {id: 'throughline.decision.confirmReceipt', defaultMessage: 'Confirm receipt'},
    confirming: {id: 'throughline.decision.confirming', defaultMessage: 'Confirming…'},
    openInSidebar: {id: 'throughline.decision.openInSidebar', defaultMessage: 'Open in the decision log'},
    loadingView: {id: 'throughline.decision.loadingView', defaultMessage: 'Loading…'},
    viewFailed: {id: 'throughline.decision.viewFailed', defaultMessage: 'This view could not be loaded. Check your connection and reload the page.'},
});

export const decisionStatusMessages = defineMessages({
    proposed: {id: 'throughline.decision.status.proposed', defaultMessage: 'Proposed'},
    decided: {id: 'throughline.decision.status.decided', defaultMessage: 'Decided'},
    superseded: {id: 'throughline.decision.status.superseded', defaultMessage: 'Superseded'},
    revoked: {id: 'throughline.decision.status.revoked', defaultMessage: 'Revoked'},
});
