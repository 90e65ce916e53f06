export {default as Alert} from './alert';
export {default as Field} from './field';
