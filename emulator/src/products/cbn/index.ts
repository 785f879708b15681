import { cbnActions } from "./actions";
export default cbnActions;
