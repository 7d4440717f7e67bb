/* georepctl: the command-line client of georepd. This file holds main,
 * the verb table and the global options; each verb group lives in its own
 * georepctl-*.c file. */
#include "config.h"

#include <locale.h>

#include "georepctl.h"
#include "gr-error.h"

#define SESSION_ARGS "PRIMARY [[USER@]HOST::SECONDARY]"

/* The summaries are translated where they are shown (N_: marked only);
 * the verbs and their parameters are what people type, and stay. */
static const CtlVerb verbs[] = {
  { "status", "[" SESSION_ARGS "]",
    N_ ("Show all sessions, or one in detail with its workers"),
    ctl_verb_status },
  { "check", "PRIMARY [USER@]HOST::SECONDARY",
    N_ ("Check whether a secondary can take a session"), ctl_verb_check },
  { "create", "PRIMARY [USER@]HOST::SECONDARY", N_ ("Create a session"),
    ctl_verb_create },
  { "start", SESSION_ARGS, N_ ("Start a session"), ctl_verb_start },
  { "stop", SESSION_ARGS, N_ ("Stop a session"), ctl_verb_stop },
  { "pause", SESSION_ARGS, N_ ("Pause a started session"), ctl_verb_pause },
  { "resume", SESSION_ARGS, N_ ("Resume a paused session"), ctl_verb_resume },
  { "delete", SESSION_ARGS, N_ ("Delete a stopped session"), ctl_verb_delete },
  { "config", SESSION_ARGS " [KEY [VALUE]]",
    N_ ("Show or change a session's options"), ctl_verb_config },
  { "checkpoint", SESSION_ARGS, N_ ("Set a checkpoint"), ctl_verb_checkpoint },
  { "verify", SESSION_ARGS " [PATH…]",
    N_ ("Compare files of the primary and the secondary"), ctl_verb_verify },
  { "destination", "[list|add|setup|test|remove] …",
    N_ ("Manage the SSH destinations"), ctl_verb_destination },
  { "events", "register|unregister …",
    N_ ("Register georepd's webhook for gluster's events"), ctl_verb_events },
  { "monitor", "", N_ ("Print changes as they happen, until interrupted"),
    ctl_verb_monitor },
  { "refresh", "", N_ ("Make the service re-read gluster's state now"),
    ctl_verb_refresh },
  { "version", "", N_ ("Show the versions of georepctl, georepd and gluster"),
    ctl_verb_version },
  { "schedule", SESSION_ARGS " SCHEDULE",
    N_ ("Run sync windows on a schedule (every 15min, daily, Mon..Fri 22:00)"),
    ctl_verb_schedule },
  { "unschedule", SESSION_ARGS, N_ ("Remove a session's schedule"),
    ctl_verb_unschedule },
  { "run-window", SESSION_ARGS, N_ ("Run a sync window now"),
    ctl_verb_run_window },
  { "runs", SESSION_ARGS, N_ ("Show a session's last sync windows"),
    ctl_verb_runs },
  { "jobs", "", N_ ("List the long operations"), ctl_verb_jobs },
  { "job-resume", "JOB", N_ ("Resume a waiting or failed job"),
    ctl_verb_job_resume },
  { "job-abort", "JOB", N_ ("Abort a job"), ctl_verb_job_abort },
  { "promote", "HOST SECONDARY",
    N_ ("Make a secondary volume writable (failover)"), ctl_verb_promote },
  { "failback", SESSION_ARGS,
    N_ ("Bring the promoted secondary's data back and restart the session"),
    ctl_verb_failback },
};

static int ctl_verb_help (CtlContext *ctx, int argc, char **argv);

static const CtlVerb help_verb = {
  "help", "[VERB]", N_ ("Show the help of georepctl or of a verb"),
  ctl_verb_help
};

/* For the bash completion; not listed in --help. */
static const CtlVerb complete_verb = { "__complete", "WHAT",
                                       N_ ("Print completion candidates"),
                                       ctl_verb_complete };

int
ctl_run_verb (CtlContext *ctx,
              const CtlVerb *verb,
              const char *group,
              int argc,
              char **argv)
{
  g_autofree char *previous = ctx->verb_name;
  int status;

  ctx->verb = verb;
  ctx->verb_name = group ? g_strdup_printf ("%s %s", group, verb->name)
                         : g_strdup (verb->name);
  status = verb->run (ctx, argc, argv);
  g_clear_pointer (&ctx->verb_name, g_free);
  ctx->verb_name = g_steal_pointer (&previous);
  return status;
}

/* The verb list of --help is made from the table, so it cannot drift. */
static char *
verbs_summary (void)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_string_append_printf (
      text, "%s\n\n%s", _ ("Manage GlusterFS geo-replication through georepd."),
      /* Translators: the heading of the list of verbs in --help. */
      _ ("Verbs:"));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    g_string_append_printf (text, "\n  %-12s %s", verbs[i].name,
                            _ (verbs[i].summary));
  g_string_append_printf (
      text, "\n\n%s",
      _ ("Without a verb: status. 'georepctl VERB --help' shows a verb's "
         "arguments and options."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GOptionContext *
main_option_context (CtlContext *ctx)
{
  GOptionContext *octx = ctl_option_context_new (ctx, "[VERB [ARGUMENTS…]]");
  g_autofree char *summary = verbs_summary ();

  /* Global options stop at the verb, whose own context parses the rest. */
  g_option_context_set_strict_posix (octx, TRUE);
  g_option_context_set_summary (octx, summary);
  g_option_context_set_description (octx, _ (ctl_help_epilogue));
  ctl_add_global_options (octx, ctx, NULL);
  return octx;
}

static gboolean
parse_global_options (CtlContext *ctx, int *argc, char ***argv)
{
  g_autoptr (GOptionContext) octx = main_option_context (ctx);
  g_autoptr (GError) error = NULL;

  if (g_option_context_parse (octx, argc, argv, &error) && ctx->timeout_s >= 0)
    return TRUE;
  g_printerr (_ ("georepctl: %s (see 'georepctl --help')\n"),
              error ? error->message : _ ("--timeout must not be negative"));
  return FALSE;
}

static const CtlVerb *
find_verb (const char *name)
{
  if (g_str_equal (name, complete_verb.name))
    return &complete_verb;
  if (g_str_equal (name, help_verb.name))
    return &help_verb;
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (g_str_equal (verbs[i].name, name))
      return &verbs[i];
  return NULL;
}

/* "help VERB" is "VERB --help". */
static int
ctl_verb_help (CtlContext *ctx, int argc, char **argv)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autofree char *text = NULL;
  const CtlVerb *verb = argc > 1 ? find_verb (argv[1]) : NULL;
  char *help_argv[] = { argc > 1 ? argv[1] : NULL, (char *) "--help", NULL };

  if (argc > 2 || (argc == 2 && verb == NULL))
    return ctl_usage (ctx, _ ("expected one verb of 'georepctl --help'"));
  if (verb != NULL)
    return ctl_run_verb (ctx, verb, NULL, 2, help_argv);
  octx = main_option_context (ctx);
  text = g_option_context_get_help (octx, TRUE, NULL);
  ctl_output_start (ctx);
  g_print ("%s", text);
  return CTL_EXIT_OK;
}

/* Only the categories the output depends on: the charset (LC_CTYPE)
 * and the language of the messages, ours and GLib's (LC_MESSAGES).
 * georepctl formats no number, money or date by the locale, and where
 * there is no locale archive (C.UTF-8 on Debian) each category is a
 * file to load at every start.
 *
 * The translations are in GR_LOCALEDIR, or where
 * GEOREPCTL_TEXTDOMAINDIR says (as Git's GIT_TEXTDOMAINDIR): the build
 * tree's po/ for the tests and `meson devenv` (po/meson.build). They are
 * UTF-8, as GLib's output functions expect whatever the locale's
 * charset. */
static void
set_locale (void)
{
  const char *dir = g_getenv ("GEOREPCTL_TEXTDOMAINDIR");

  setlocale (LC_CTYPE, "");
  setlocale (LC_MESSAGES, "");
  bindtextdomain (GETTEXT_PACKAGE, dir && *dir ? dir : GR_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

int
main (int argc, char **argv)
{
  CtlContext ctx = { .timeout_s = 300 };
  const CtlVerb *verb;
  char *status_argv[] = { (char *) "status", NULL };
  int status;

  set_locale ();
  g_set_prgname ("georepctl");
  /* Registers the error domain, so that the service's errors come back
   * as GR_ERROR codes. */
  (void) GR_ERROR;
  ctl_split_json_option (argc, argv);
  if (!parse_global_options (&ctx, &argc, &argv))
    return CTL_EXIT_USAGE;
  verb = argc < 2 ? &verbs[0] : find_verb (argv[1]);
  if (verb == NULL)
    {
      g_printerr (_ ("georepctl: unknown verb '%s' (see 'georepctl --help')\n"),
                  argv[1]);
      return CTL_EXIT_USAGE;
    }
  if (argc < 2)
    status = ctl_run_verb (&ctx, verb, NULL, 1, status_argv);
  else
    status = ctl_run_verb (&ctx, verb, NULL, argc - 1, argv + 1);
  /* The pager, if any, has all the output: wait until it is done. */
  ctl_pager_stop ();
  g_clear_object (&ctx.bus);
  g_free (ctx.columns);
  return status;
}
