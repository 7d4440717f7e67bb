/* georepctl create, start, stop, pause, resume and delete: one method call
 * each. Quiet on success, like systemctl; the change shows in status. */
#include "georepctl.h"
#include "gr-names.h"

static void
add_flag (GVariantBuilder *options, const char *key, gboolean set)
{
  if (set)
    g_variant_builder_add (options, "{sv}", key, g_variant_new_boolean (TRUE));
}

void
ctl_sync_options_clear (CtlSyncOptions *sync)
{
  g_clear_pointer (&sync->method, g_free);
}

void
ctl_add_sync_options (GVariantBuilder *options, const CtlSyncOptions *sync)
{
  if (sync->method != NULL)
    g_variant_builder_add (options, "{sv}", "sync-method",
                           g_variant_new_string (sync->method));
  add_flag (options, "rsync-follow-cwd", sync->rsync_follow_cwd);
}

typedef struct {
  int ssh_port;
  gboolean no_push_pem;
  gboolean no_verify;
  gboolean force;
} CreateOptions;

static GVariant *
create_parameters (CtlContext *ctx,
                   const char *primary,
                   const char *user,
                   const char *host,
                   const char *volume,
                   const CreateOptions *opts,
                   const CtlSyncOptions *sync)
{
  GVariantBuilder options;

  ctl_options_init (ctx, &options);
  if (user != NULL)
    g_variant_builder_add (&options, "{sv}", "secondary-user",
                           g_variant_new_string (user));
  if (opts->ssh_port > 0)
    g_variant_builder_add (&options, "{sv}", "ssh-port",
                           g_variant_new_uint16 (opts->ssh_port));
  g_variant_builder_add (&options, "{sv}", "push-pem",
                         g_variant_new_boolean (!opts->no_push_pem));
  add_flag (&options, "no-verify", opts->no_verify);
  add_flag (&options, "force", opts->force);
  ctl_add_sync_options (&options, sync);
  return g_variant_new ("(sssa{sv})", primary, host, volume, &options);
}

int
ctl_verb_create (CtlContext *ctx, int argc, char **argv)
{
  CreateOptions opts = { 0 };
  g_auto (CtlSyncOptions) sync = { 0 };
  const GOptionEntry entries[] = {
    { "ssh-port", 0, 0, G_OPTION_ARG_INT, &opts.ssh_port,
      "The SSH port of the secondary host", "PORT" },
    { "no-push-pem", 0, 0, G_OPTION_ARG_NONE, &opts.no_push_pem,
      "Do not distribute the common secret pem keys", NULL },
    { "no-verify", 0, 0, G_OPTION_ARG_NONE, &opts.no_verify,
      "Skip gluster's checks of the secondary", NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &opts.force,
      "Create although gluster's checks fail", NULL },
    CTL_SYNC_OPTION_ENTRIES (sync),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *user = NULL, *host = NULL, *volume = NULL, *what = NULL;
  g_autoptr (GVariant) reply = NULL;

  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    return CTL_EXIT_USAGE;
  if (argc != 3)
    return ctl_usage (ctx, "expected PRIMARY [USER@]HOST::SECONDARY");
  if (opts.ssh_port < 0 || opts.ssh_port > G_MAXUINT16)
    return ctl_usage (ctx, "--ssh-port must be a port number");
  if (!ctl_parse_secondary (argv[2], &user, &host, &volume, &error))
    return ctl_usage (ctx, "%s", error->message);
  what = g_strdup_printf ("creating session %s %s", argv[1], argv[2]);
  ctl_progress (ctx,
                "Creating session %s %s: gluster checks the secondary and "
                "distributes the keys over SSH",
                argv[1], argv[2]);
  reply = ctl_call (
      ctx, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "CreateSession",
      create_parameters (ctx, argv[1], user, host, volume, &opts, &sync),
      G_VARIANT_TYPE ("(o)"), &error);
  if (reply == NULL)
    return ctl_fail (ctx, what, error);
  return CTL_EXIT_OK;
}

typedef struct {
  const char *method;
  const char *doing;  /* for the error message */
  const char *option; /* the one flag of the method */
  const char *option_help;
} Lifecycle;

static const Lifecycle lifecycle_start = {
  "Start", "starting", "force", "Start even if gluster's checks fail"
};
static const Lifecycle lifecycle_stop = {
  "Stop", "stopping", "force", "Stop even if gluster's checks fail"
};
static const Lifecycle lifecycle_pause = {
  "Pause", "pausing", "force", "Pause even if gluster's checks fail"
};
static const Lifecycle lifecycle_resume = {
  "Resume", "resuming", "force", "Resume even if gluster's checks fail"
};
static const Lifecycle lifecycle_delete = {
  "Delete", "deleting", "reset-sync-time",
  "Forget the sync time, so a new session starts from scratch"
};

static int
call_lifecycle (CtlContext *ctx,
                const Lifecycle *lifecycle,
                CtlObject *session,
                gboolean flag)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *secondary = ctl_session_secondary (session);
  g_autofree char *what = NULL;
  GVariantBuilder options;

  ctl_options_init (ctx, &options);
  add_flag (&options, lifecycle->option, flag);
  reply = ctl_call (ctx, session->path, GR_DBUS_INTERFACE_SESSION,
                    lifecycle->method, g_variant_new ("(a{sv})", &options),
                    NULL, &error);
  if (reply != NULL)
    return CTL_EXIT_OK;
  what =
      g_strdup_printf ("%s session %s %s", lifecycle->doing,
                       ctl_prop_string (session, "PrimaryVolume"), secondary);
  return ctl_fail (ctx, what, error);
}

static int
run_lifecycle (CtlContext *ctx,
               const Lifecycle *lifecycle,
               int argc,
               char **argv)
{
  gboolean flag = FALSE;
  const GOptionEntry entries[] = { { lifecycle->option, 0, 0, G_OPTION_ARG_NONE,
                                     &flag, lifecycle->option_help, NULL },
                                   G_OPTION_ENTRY_NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (CtlObject) session = NULL;
  int n;

  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    return CTL_EXIT_USAGE;
  n = ctl_session_arg_count (argc, argv);
  if (n == 0 || argc != n + 1)
    return ctl_usage (ctx, "expected PRIMARY [[USER@]HOST::SECONDARY]");
  session = ctl_find_session (ctx, argv[1], n == 2 ? argv[2] : NULL, &error);
  if (session == NULL)
    return ctl_fail (ctx, "finding the session", error);
  return call_lifecycle (ctx, lifecycle, session, flag);
}

int
ctl_verb_start (CtlContext *ctx, int argc, char **argv)
{
  return run_lifecycle (ctx, &lifecycle_start, argc, argv);
}

int
ctl_verb_stop (CtlContext *ctx, int argc, char **argv)
{
  return run_lifecycle (ctx, &lifecycle_stop, argc, argv);
}

int
ctl_verb_pause (CtlContext *ctx, int argc, char **argv)
{
  return run_lifecycle (ctx, &lifecycle_pause, argc, argv);
}

int
ctl_verb_resume (CtlContext *ctx, int argc, char **argv)
{
  return run_lifecycle (ctx, &lifecycle_resume, argc, argv);
}

int
ctl_verb_delete (CtlContext *ctx, int argc, char **argv)
{
  return run_lifecycle (ctx, &lifecycle_delete, argc, argv);
}
