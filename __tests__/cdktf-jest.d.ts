// Types for the cdktf jest matchers (toHaveResourceWithProperties, ...) that setup.js installs.
import "cdktf/lib/testing/adapters/jest";
