import {defineMessages} from 'react-intl';

export default defineMessages({
    title: {id: 'throughline.mywork.title', defaultMessage: 'My work'},
    zone: {id: 'throughline.mywork.zone', defaultMessage: 'Days counted in {zone}'},
    loading: {id: 'throughline.mywork.loading', defaultMessage: 'Loading…'},
    nothing: {id: 'throughline.mywork.nothing', defaultMessage: 'Nothing waits for you. Open a channel to see its tasks.'},
    more: {id: 'throughline.mywork.more', defaultMessage: 'Show more'},
    heading: {id: 'throughline.mywork.heading', defaultMessage: '{title} ({count})'},
    overdue: {id: 'throughline.mywork.overdue', defaultMessage: 'Overdue'},
    today: {id: 'throughline.mywork.today', defaultMessage: 'Due today'},
    this_week: {id: 'throughline.mywork.thisWeek', defaultMessage: 'Due this week'},
    later: {id: 'throughline.mywork.later', defaultMessage: 'Later'},
    decisions: {id: 'throughline.mywork.decisions', defaultMessage: 'Decisions waiting for your approval'},
    versions: {id: 'throughline.mywork.versions', defaultMessage: 'Versions waiting for approval'},
    receipts: {id: 'throughline.mywork.receipts', defaultMessage: 'Receipts your channels owe'},
    rollouts: {id: 'throughline.mywork.rollouts', defaultMessage: 'Rollout tasks of your channels'},
    noDue: {id: 'throughline.mywork.noDue', defaultMessage: 'no due date'},
    version: {id: 'throughline.mywork.version', defaultMessage: '{asset} — version {number} ({file})'},
    receiptVersion: {id: 'throughline.mywork.receiptVersion', defaultMessage: '{title}, version {number}'},
    receiptDecision: {id: 'throughline.mywork.receiptDecision', defaultMessage: 'Decision: {title}'},
    inChannel: {id: 'throughline.mywork.inChannel', defaultMessage: 'in {channel}'},
    someChannel: {id: 'throughline.mywork.someChannel', defaultMessage: 'a channel'},
});
