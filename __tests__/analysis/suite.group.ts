// Every *.test.ts of this folder as one jest test file under `npm test` (see ../folder-suite.ts).
import { runFolder } from "../folder-suite";

runFolder(__dirname);
