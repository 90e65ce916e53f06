export {default as ProjectSelect} from './project_select';
export {useChannelProjects, defaultProjectId, type ChannelProjects} from './use_channel_projects';
