export {default as ProjectField} from './project_field';
export {default as MakeProjectButton} from './make_project_button';
export {useChannelProjects, defaultProjectId, homeProjectFirst, type ChannelProjects} from './use_channel_projects';
