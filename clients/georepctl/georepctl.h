/* georepctl: what the verb files share: the run context, the verb table
 * entry, the exit codes, and the helpers of the georepctl-*.c files that
 * are not verbs (util, find, output, agent, secret). */
#pragma once

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "georepctl-format.h"
#include "georepctl-json.h"
#include "georepctl-pager.h"

G_BEGIN_DECLS

/* Exit codes are a contract with scripts: documented in --help and in
 * georepctl(1); add, never renumber. */
typedef enum {
  CTL_EXIT_OK = 0,
  CTL_EXIT_FAILURE = 1,
  CTL_EXIT_USAGE = 2,
  CTL_EXIT_TIMEDOUT = 3,
  CTL_EXIT_NOT_AUTHORIZED = 4,
  CTL_EXIT_NOT_RUNNING = 5,
  CTL_EXIT_NOT_FOUND = 6,
} CtlExit;

/* Errors found by georepctl itself, before or without the service. */
#define CTL_ERROR (ctl_error_quark ())
typedef enum {
  CTL_ERROR_USAGE,
  CTL_ERROR_NOT_RUNNING,
} CtlError;
GQuark ctl_error_quark (void);

typedef struct CtlVerb CtlVerb;

typedef struct {
  GDBusConnection *bus; /* NULL until ctl_connect () */
  const CtlVerb *verb;  /* the verb being run, for its --help */
  char *verb_name;      /* "status", "destination add", … */
  CtlJsonMode json;     /* CTL_JSON_OFF (0) for tables */
  gboolean no_legend;
  gboolean no_pager;
  gboolean progress; /* --progress: also when stderr is no terminal */
  char *columns;     /* --output=, of the verbs that list */
  gboolean no_ask_password;
  int timeout_s;
} CtlContext;

struct CtlVerb {
  const char *name;
  const char *args;    /* the parameter string of --help */
  const char *summary; /* marked with N_ (), translated where shown */
  int (*run) (CtlContext *ctx, int argc, char **argv);
};

/* An exported object: its path and the properties of one interface. */
typedef struct {
  char *path;
  GVariant *props;   /* a{sv} */
  GHashTable *index; /* its values by name, once read (georepctl-objects.c) */
} CtlObject;

void ctl_object_free (CtlObject *object);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtlObject, ctl_object_free)

/* georepctl-args.c: a verb's command line. */
gboolean ctl_parse_options (CtlContext *ctx,
                            const GOptionEntry *entries,
                            int *argc,
                            char ***argv);
/* The global options, but for those the verb's @verb_entries (may be
 * NULL) define themselves. */
void ctl_add_global_options (GOptionContext *octx,
                             CtlContext *ctx,
                             const GOptionEntry *verb_entries);
/* A context whose callbacks get @ctx; the verb's entries, then
 * ctl_add_global_options (). */
GOptionContext *ctl_option_context_new (CtlContext *ctx,
                                        const char *parameters);
/* Before any parsing: --json=MODE as GOption can take it. */
void ctl_split_json_option (int argc, char **argv);
int ctl_usage (CtlContext *ctx, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* georepctl-errors.c: failures and exit codes. */
extern const char ctl_help_epilogue[];
int ctl_fail (CtlContext *ctx, const char *what, const GError *error);
int ctl_exit_code (const GError *error);

/* georepctl-bus.c: calls to the service. */
gboolean ctl_connect (CtlContext *ctx, GError **error);
void ctl_options_init (CtlContext *ctx, GVariantBuilder *builder);
GVariant *ctl_call (CtlContext *ctx,
                    const char *path,
                    const char *interface,
                    const char *method,
                    GVariant *parameters,
                    const GVariantType *reply_type,
                    GError **error);
GVariant *ctl_read_call (CtlContext *ctx,
                         const char *path,
                         const char *interface,
                         const char *method,
                         GVariant *parameters,
                         const GVariantType *reply_type,
                         GError **error);
GVariant *ctl_get_all (CtlContext *ctx,
                       const char *path,
                       const char *interface,
                       GError **error);

/* georepctl-objects.c: the service's objects and their properties. */
GPtrArray *
ctl_list_objects (CtlContext *ctx, const char *interface, GError **error);
GPtrArray *ctl_list_sessions (CtlContext *ctx,
                              const char *const *properties,
                              GError **error);
/* What names a session (PrimaryVolume, SecondaryHost, SecondaryVolume,
 * SecondaryUser), for ctl_list_sessions. */
extern const char *const ctl_session_identity[];
const char *ctl_prop_string (CtlObject *object, const char *name);
guint64 ctl_prop_uint64 (CtlObject *object, const char *name);
gboolean ctl_prop_boolean (CtlObject *object, const char *name);
/* @fallback when @object has no such int64 property. */
gint64 ctl_prop_int64 (CtlObject *object, const char *name, gint64 fallback);

/* georepctl-names.c: sessions and destinations as people name them. */
char *
ctl_secondary_name (const char *user, const char *host, const char *volume);
char *ctl_session_secondary (CtlObject *session);
char *ctl_destination_name (CtlObject *destination);
CtlObject *ctl_find_session (CtlContext *ctx,
                             const char *primary,
                             const char *secondary,
                             GError **error);
int ctl_session_arg_count (int argc, char **argv);
CtlObject *ctl_find_destination (CtlContext *ctx,
                                 const char *host,
                                 const char *user,
                                 GError **error);
gboolean ctl_parse_secondary (const char *text,
                              char **user,
                              char **host,
                              char **volume,
                              GError **error);

/* georepctl-config.c: a session's options, a(ssb) of key, value and
 * whether set for the session, sorted; only @key when not NULL. */
GVariant *ctl_read_options (CtlContext *ctx,
                            CtlObject *session,
                            gboolean set_only,
                            const char *key,
                            GError **error);

/* georepctl-agent.c: a polkit text agent for the duration of a call. */
typedef struct CtlAgent CtlAgent;
CtlAgent *ctl_agent_start (void);
void ctl_agent_stop (CtlAgent *agent);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtlAgent, ctl_agent_stop)

/* georepctl-output.c: tables, colours, times and JSON. */
typedef struct CtlTable CtlTable;
/* The colour of a cell from its text, NULL for none. */
typedef const char *(*CtlColorizer) (const char *text);
/* @headers are English and marked with NC_ ("column", …): --output=
 * takes them as they are, in every language, and the table shows them
 * translated (in their own context, apart from the options' placeholders
 * such as USER, which GOption would otherwise translate too).
 * The cells are data (states, yes/no, times) and are shown as given, so
 * that output without the legend reads the same in every language. */
CtlTable *ctl_table_new (guint n_columns, const char *const *headers);
void ctl_table_add_row (CtlTable *table, const char *const *cells);
void ctl_table_align_right (CtlTable *table, guint column);
void
ctl_table_set_colorizer (CtlTable *table, guint column, CtlColorizer color_for);
void ctl_table_print (CtlTable *table, CtlContext *ctx);
guint ctl_table_get_n_rows (CtlTable *table);
/* The footer of a table ("3 sessions listed."), unless --no-legend:
 * @format is ngettext ()'s choice for the count. */
void ctl_print_count (CtlContext *ctx, const char *format, ...)
    G_GNUC_PRINTF (2, 3);
void ctl_table_free (CtlTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtlTable, ctl_table_free)

gboolean ctl_color_enabled (void);
const char *ctl_status_color (const char *status);
const char *ctl_health_color (const char *health);
const char *ctl_color_reset (void);
char *ctl_format_time (guint64 seconds);
char *ctl_format_time_us (guint64 microseconds);
char *ctl_format_count (guint64 value);
/* "12 files checked, 1 differs", in the user's language. */
char *ctl_format_verification (guint checked, guint differ);
void ctl_print_json (CtlContext *ctx, JsonNode *node);
void ctl_print_variant_json (CtlContext *ctx, GVariant *value);
void ctl_print_objects_json (CtlContext *ctx, GPtrArray *objects);
/* Before a listing verb prints: the pager, unless --no-pager. */
void ctl_output_start (CtlContext *ctx);
/* What a long call waits for, on stderr: on a terminal or with
 * --progress. */
void ctl_progress (CtlContext *ctx, const char *format, ...)
    G_GNUC_PRINTF (2, 3);

/* The --output= option of the verbs that list, and its check against
 * the columns of the table the verb will print: FALSE when the verb
 * must end with *status (after a usage error, or --output=help). */
#define CTL_COLUMNS_ENTRY(ctx)                                                 \
  {                                                                            \
    "output", 'o', 0, G_OPTION_ARG_STRING, &(ctx)->columns,                    \
        N_ ("Show only these columns, in this order (help: list them)"),       \
        "COLUMNS"                                                              \
  }
gboolean ctl_columns_ok (CtlContext *ctx,
                         guint n_headers,
                         const char *const *headers,
                         int *status);

/* The verbs, one group per file. */
/* How a new session syncs: the options --sync-method and
 * --rsync-follow-cwd of create and check (CreateSession's options). */
typedef struct {
  char *method;
  gboolean rsync_follow_cwd;
} CtlSyncOptions;

#define CTL_SYNC_OPTION_ENTRIES(sync)                                          \
  { "sync-method",                                                             \
    0,                                                                         \
    0,                                                                         \
    G_OPTION_ARG_STRING,                                                       \
    &(sync).method,                                                            \
    N_ ("How gsyncd copies data: rsync (gluster's default) or tarssh"),        \
    "METHOD" },                                                                \
  {                                                                            \
    "rsync-follow-cwd", 0, 0, G_OPTION_ARG_NONE, &(sync).rsync_follow_cwd,     \
        N_ ("Make a secondary's rsync 3.5 or later write the data "            \
            "(see CheckSecondary's rsync-empty-files)"),                       \
        NULL                                                                   \
  }

void ctl_sync_options_clear (CtlSyncOptions *sync);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CtlSyncOptions, ctl_sync_options_clear)
void ctl_add_sync_options (GVariantBuilder *options,
                           const CtlSyncOptions *sync);

int ctl_verb_status (CtlContext *ctx, int argc, char **argv);
int ctl_verb_create (CtlContext *ctx, int argc, char **argv);
int ctl_verb_check (CtlContext *ctx, int argc, char **argv);
int ctl_verb_start (CtlContext *ctx, int argc, char **argv);
int ctl_verb_stop (CtlContext *ctx, int argc, char **argv);
int ctl_verb_pause (CtlContext *ctx, int argc, char **argv);
int ctl_verb_resume (CtlContext *ctx, int argc, char **argv);
int ctl_verb_delete (CtlContext *ctx, int argc, char **argv);
int ctl_verb_config (CtlContext *ctx, int argc, char **argv);
int ctl_verb_checkpoint (CtlContext *ctx, int argc, char **argv);
int ctl_verb_verify (CtlContext *ctx, int argc, char **argv);
int ctl_verb_destination (CtlContext *ctx, int argc, char **argv);
int ctl_verb_events (CtlContext *ctx, int argc, char **argv);
int ctl_verb_monitor (CtlContext *ctx, int argc, char **argv);
int ctl_verb_refresh (CtlContext *ctx, int argc, char **argv);
int ctl_verb_version (CtlContext *ctx, int argc, char **argv);
int ctl_verb_complete (CtlContext *ctx, int argc, char **argv);
/* georepctl-dr.c */
int ctl_verb_schedule (CtlContext *ctx, int argc, char **argv);
int ctl_verb_unschedule (CtlContext *ctx, int argc, char **argv);
int ctl_verb_run_window (CtlContext *ctx, int argc, char **argv);
int ctl_verb_runs (CtlContext *ctx, int argc, char **argv);
int ctl_verb_jobs (CtlContext *ctx, int argc, char **argv);
int ctl_verb_job_resume (CtlContext *ctx, int argc, char **argv);
int ctl_verb_job_abort (CtlContext *ctx, int argc, char **argv);
int ctl_verb_promote (CtlContext *ctx, int argc, char **argv);
int ctl_verb_failback (CtlContext *ctx, int argc, char **argv);

/* georepctl.c: runs @verb with argv[0] its name; @group names the verb
 * group it belongs to ("destination"), or is NULL. */
int ctl_run_verb (CtlContext *ctx,
                  const CtlVerb *verb,
                  const char *group,
                  int argc,
                  char **argv);

/* georepctl-secret.c: a password read once and wiped after use. */
typedef struct CtlSecret CtlSecret;
CtlSecret *
ctl_secret_read (const char *file, const char *prompt, GError **error);
GVariant *ctl_secret_to_variant (CtlSecret *secret);
void ctl_secret_free (CtlSecret *secret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtlSecret, ctl_secret_free)

G_END_DECLS
