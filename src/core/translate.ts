// The one translator type of the core. Modules that word a message (a catalog diagnostic, a validation issue, a
// shared-folder failure) take a Translate and look their text up by key; the core never loads i18n itself.
// i18next's `t` (src/i18n, react-i18next) is assignable to it as it is, so an edge passes its own `t`.

/** Looks a message up by `namespace:key` and fills in its params. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;
