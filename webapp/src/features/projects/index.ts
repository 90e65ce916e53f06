export {default as ProjectField} from './project_field';
export {default as MakeProjectButton} from './make_project_button';
export {default as ProjectOptions} from './project_options';
export {useChannelProjects, defaultProjectId, type ChannelProjects} from './use_channel_projects';
