/* georepctl: parsing a verb's command line, the global options with
 * its own, and reporting wrong usage. */
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

#include "georepctl.h"

static gboolean
on_json (const char *name, const char *value, gpointer data, GError **error)
{
  CtlContext *ctx = data;

  return ctl_json_mode_parse (value, isatty (STDOUT_FILENO), &ctx->json, error);
}

static gboolean
on_legend (const char *name, const char *value, gpointer data, GError **error)
{
  CtlContext *ctx = data;
  gboolean legend;

  if (!ctl_boolean_parse (value, &legend, error))
    {
      g_prefix_error (error, "--legend: ");
      return FALSE;
    }
  ctx->no_legend = !legend;
  return TRUE;
}

/* GOption cannot give a plain --json and --json=MODE to one entry: with
 * an optional value it would take the verb after a plain --json as the
 * value. So --json=MODE is passed on as the hidden --json-mode=MODE,
 * before any parsing (ctl_split_json_option ()). */
#define JSON_MODE_OPTION "--json-mode="

/* Whether the verb's @entries (may be NULL) define --@name. */
static gboolean
verb_defines (const GOptionEntry *entries, const char *name)
{
  for (guint i = 0; entries != NULL && entries[i].long_name != NULL; i++)
    if (g_str_equal (entries[i].long_name, name))
      return TRUE;
  return FALSE;
}

void
ctl_add_global_options (GOptionContext *octx,
                        CtlContext *ctx,
                        const GOptionEntry *verb_entries)
{
  /* Accepted before and after the verb, so that "georepctl status
   * --json" works as people type it. GOption copies the entries; the
   * callbacks get @ctx from the main group (ctl_option_context_new ()). */
  const GOptionEntry entries[] = {
    { "json", 'j', G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, on_json,
      N_ ("Print JSON instead of tables, indented (pretty) or on one line "
          "(short); without a value pretty on a terminal, else short"),
      "[short|pretty]" },
    { "json-mode", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_CALLBACK, on_json,
      NULL, NULL },
    { "legend", 0, 0, G_OPTION_ARG_CALLBACK, on_legend,
      N_ ("Print the table header and footer (default yes)"), "yes|no" },
    { "no-legend", 0, 0, G_OPTION_ARG_NONE, &ctx->no_legend,
      N_ ("Print no table header and footer (--legend=no)"), NULL },
    { "no-pager", 0, 0, G_OPTION_ARG_NONE, &ctx->no_pager,
      N_ ("Do not pipe long output into a pager"), NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &ctx->progress,
      N_ ("Say what a long call waits for on stderr, also when it is no "
          "terminal"),
      NULL },
    { "no-ask-password", 0, 0, G_OPTION_ARG_NONE, &ctx->no_ask_password,
      N_ ("Never ask for a password to authorize an action"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &ctx->timeout_s,
      N_ ("Wait at most SECONDS for the service (default 300, 0: forever)"),
      "SECONDS" },
  };
  GOptionEntry kept[G_N_ELEMENTS (entries) + 1] = { 0 };
  guint n = 0;

  /* A verb's own option of the same name (schedule, run-window and
   * failback take --timeout for the operation) is the one it means;
   * GOption would list both in --help and fill only the first. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (!verb_defines (verb_entries, entries[i].long_name))
      kept[n++] = entries[i];
  g_option_context_add_main_entries (octx, kept, NULL);
}

/* The options' descriptions are marked with N_ () and translated by
 * GOption from our domain; the parameter strings (PRIMARY, HOST, …) and
 * the options' values stay as people type them. */
GOptionContext *
ctl_option_context_new (CtlContext *ctx, const char *parameters)
{
  GOptionContext *octx = g_option_context_new (parameters);

  g_option_context_set_main_group (
      octx, g_option_group_new (NULL, NULL, NULL, ctx, NULL));
  g_option_context_set_translation_domain (octx, GETTEXT_PACKAGE);
  return octx;
}

void
ctl_split_json_option (int argc, char **argv)
{
  static GPtrArray *rewritten; /* argv points into it until exit */

  for (int i = 1; i < argc && !g_str_equal (argv[i], "--"); i++)
    if (g_str_has_prefix (argv[i], "--json="))
      {
        if (rewritten == NULL)
          rewritten = g_ptr_array_new_with_free_func (g_free);
        argv[i] =
            g_strconcat (JSON_MODE_OPTION, argv[i] + strlen ("--json="), NULL);
        g_ptr_array_add (rewritten, argv[i]);
      }
}

/* GOption stops at "--" but leaves it in argv: drop it, so that a value
 * starting with '-' can follow it. */
static void
remove_separator (int *argc, char **argv)
{
  for (int i = 1; i < *argc; i++)
    if (g_str_equal (argv[i], "--"))
      {
        memmove (&argv[i], &argv[i + 1], (*argc - i) * sizeof (char *));
        (*argc)--;
        return;
      }
}

gboolean
ctl_parse_options (CtlContext *ctx,
                   const GOptionEntry *entries,
                   int *argc,
                   char ***argv)
{
  g_autoptr (GOptionContext) octx =
      ctl_option_context_new (ctx, ctx->verb->args);
  g_autoptr (GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("georepctl %s", ctx->verb_name);

  /* The usage line of --help is built from the program name. */
  g_set_prgname (prgname);
  g_option_context_set_summary (octx, _ (ctx->verb->summary));
  g_option_context_set_description (octx, _ (ctl_help_epilogue));
  if (entries != NULL)
    g_option_context_add_main_entries (octx, entries, NULL);
  ctl_add_global_options (octx, ctx, entries);
  if (!g_option_context_parse (octx, argc, argv, &error))
    {
      ctl_usage (ctx, "%s", error->message);
      return FALSE;
    }
  g_set_prgname ("georepctl");
  remove_separator (argc, *argv);
  if (ctx->timeout_s < 0)
    {
      ctl_usage (ctx, _ ("--timeout must not be negative"));
      return FALSE;
    }
  return TRUE;
}

int
ctl_usage (CtlContext *ctx, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: VERB: MESSAGE (see 'georepctl VERB --help'). */
  g_printerr (_ ("georepctl: %s: %s (see 'georepctl %s --help')\n"),
              ctx->verb_name, message, ctx->verb_name);
  return CTL_EXIT_USAGE;
}
