/// <reference types="vite/client" />
// Types for Vite asset imports (e.g. `import url from "./icon.svg"` gives the built file's URL).
