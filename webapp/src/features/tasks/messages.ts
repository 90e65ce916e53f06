import {defineMessages} from 'react-intl';

export default defineMessages({
    modalTitle: {id: 'throughline.task.modal.title', defaultMessage: 'Create task'},
    title: {id: 'throughline.task.field.title', defaultMessage: 'Title'},
    description: {id: 'throughline.task.field.description', defaultMessage: 'Description'},
    assignee: {id: 'throughline.task.field.assignee', defaultMessage: 'Assignee'},
    due: {id: 'throughline.task.field.due', defaultMessage: 'Due date'},
    files: {id: 'throughline.task.field.files', defaultMessage: 'Files from the message'},
    submit: {id: 'throughline.task.submit', defaultMessage: 'Create task'},
    submitting: {id: 'throughline.task.submitting', defaultMessage: 'Creating…'},
    titleRequired: {id: 'throughline.task.titleRequired', defaultMessage: 'Give the task a title.'},
    postMissing: {id: 'throughline.task.postMissing', defaultMessage: 'This message is not available any more.'},
    loadingMembers: {id: 'throughline.task.loadingMembers', defaultMessage: 'Loading channel members…'},
    member: {id: 'throughline.task.member', defaultMessage: '{name} (@{username})'},
    created: {id: 'throughline.task.toast.created', defaultMessage: 'Task created: {title}'},
    openInSidebar: {id: 'throughline.task.openInSidebar', defaultMessage: 'Open in sidebar'},
    cardLabel: {id: 'throughline.card.label', defaultMessage: 'Task'},
    cardDue: {id: 'throughline.card.due', defaultMessage: 'Due {date}'},
    statusFor: {id: 'throughline.task.statusFor', defaultMessage: 'Status of “{title}”'},
});

export const statusMessages = defineMessages({
    todo: {id: 'throughline.status.todo', defaultMessage: 'To do'},
    in_progress: {id: 'throughline.status.in_progress', defaultMessage: 'In progress'},
    review: {id: 'throughline.status.review', defaultMessage: 'In review'},
    done: {id: 'throughline.status.done', defaultMessage: 'Done'},
    cancelled: {id: 'throughline.status.cancelled', defaultMessage: 'Cancelled'},
});
