/* Tests of the SSH module that need no server: which public key lines it
 * accepts, root's key pair, and forgetting a host in known_hosts. The
 * keys are made with OpenSSH's ssh-keygen, and OpenSSH must read what the
 * module writes. */
#include <string.h>

#include <glib/gstdio.h>

#include "gr-error.h"
#include "gr-ssh.h"
#include "gr-test-files.h"
#include "gr-test-sshd.h"
#include "gr-test-util.h"

#define VALID_KEY                                                              \
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM4C73f0upf9cwwCEtksdi1Qpy1KqpNobRxg8"  \
  "42dZtDD"

/* Key lines. */

static void
test_key_line_valid (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("georepd-keys-XXXXXX", NULL);
  const char *const types[] = { "ed25519", "rsa", "ecdsa" };

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *path = g_build_filename (tmp, types[i], NULL);
      g_autofree char *pub = g_strconcat (path, ".pub", NULL);
      g_autofree char *line = NULL;
      g_autoptr (GError) error = NULL;
      char *space;

      gr_test_keygen (types[i], path);
      line = g_strstrip (gr_test_read_text (pub));
      g_assert_true (gr_ssh_validate_key_line (line, &error));
      g_assert_no_error (error);
      /* Without the comment, too. */
      space = strrchr (line, ' ');
      *space = '\0';
      g_assert_true (gr_ssh_validate_key_line (line, &error));
      g_assert_no_error (error);
    }
  gr_test_remove_tree (tmp);
}

static void
test_key_line_invalid (void)
{
  const char *const bad_lines[] = {
    "",
    "ssh-ed25519",
    "ssh-ed25519 ",
    "-ssh-ed25519 AAAA",
    "--help",
    "ssh-dss AAAAB3NzaC1kc3MAAACBAP",
    "ssh-ed25519 AAAA!!!!",
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM4C73f0up",
    /* An ed25519 blob announced as RSA. */
    "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIM4C73f0upf9cwwCEtksdi1Qpy1KqpNobRxg842dZ"
    "tDD",
    "ssh-ed25519-cert-v01@openssh.com AAAA",
    "ecdsa-sha2-foo AAAA",
    "ssh-ed25519  AAAAC3NzaC1lZDI1NTE5AAAAIM4C73f0upf9cwwCEtksdi1Qpy1KqpNo"
    "bRxg842dZtDD",
    NULL,
  };

  g_assert_true (gr_ssh_validate_key_line (VALID_KEY " root@node1", NULL));
  g_assert_false (gr_ssh_validate_key_line (NULL, NULL));
  for (guint i = 0; bad_lines[i]; i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (gr_ssh_validate_key_line (bad_lines[i], &error));
      g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
    }
}

/* What would let a line smuggle a second line or options into
 * authorized_keys, or reach a shell. */
static void
test_key_line_options_newlines (void)
{
  const char *const bad_suffixes[] = {
    "\n",           "\r",
    "\t",           " root@node1\nssh-ed25519 AAAA",
    " a;rm -rf /",  " \"quoted\"",
    " caf\xc3\xa9", " $(id)",
    "\n ",          NULL,
  };
  const char *const options[] = {
    "command=\"/bin/sh\" ",
    "no-pty ",
    "from=\"*\",no-agent-forwarding ",
    "restrict ",
    " ",
    NULL,
  };

  for (guint i = 0; bad_suffixes[i]; i++)
    {
      g_autofree char *line = g_strconcat (VALID_KEY, bad_suffixes[i], NULL);

      g_assert_false (gr_ssh_validate_key_line (line, NULL));
    }
  for (guint i = 0; options[i]; i++)
    {
      g_autofree char *line = g_strconcat (options[i], VALID_KEY, NULL);

      g_assert_false (gr_ssh_validate_key_line (line, NULL));
    }
}

/* Root's key pair. */

static void
assert_openssh_derives (const char *identity, const char *line)
{
  const char *argv[] = { "ssh-keygen", "-y", "-f", identity, NULL };
  g_autofree char *out = gr_test_run (NULL, argv);
  g_auto (GStrv) derived = g_strsplit (g_strstrip (out), " ", 3);
  g_auto (GStrv) fields = g_strsplit (line, " ", 3);

  /* OpenSSH reads the private key and finds the same public key. */
  g_assert_cmpstr (derived[0], ==, fields[0]);
  g_assert_cmpstr (derived[1], ==, fields[1]);
}

static void
test_root_key_create_reuse (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("georepd-rootkey-XXXXXX", NULL);
  g_autofree char *ssh_dir = g_build_filename (tmp, "dot-ssh", NULL);
  g_autofree char *line = NULL, *identity = NULL, *pub_text = NULL;
  g_autofree char *line2 = NULL, *identity2 = NULL, *pub = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (gr_ssh_root_key (ssh_dir, &line, &identity, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "ssh-ed25519 "));
  g_assert_true (gr_ssh_validate_key_line (line, NULL));
  pub = g_strconcat (identity, ".pub", NULL);
  g_assert_cmpuint (gr_test_file_mode (ssh_dir), ==, 0700);
  g_assert_cmpuint (gr_test_file_mode (identity), ==, 0600);
  g_assert_cmpuint (gr_test_file_mode (pub), ==, 0644);
  pub_text = gr_test_read_text (pub);
  g_assert_cmpstr (g_strstrip (pub_text), ==, line);
  assert_openssh_derives (identity, line);

  g_assert_true (gr_ssh_root_key (ssh_dir, &line2, &identity2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (line2, ==, line);
  g_assert_cmpstr (identity2, ==, identity);
  gr_test_remove_tree (tmp);
}

/* An existing RSA key is used, its comment kept; a missing .pub file is no
 * obstacle because the public key comes from the private one. */
static void
test_root_key_existing_rsa (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("georepd-rootkey-XXXXXX", NULL);
  g_autofree char *rsa = g_build_filename (tmp, "id_rsa", NULL);
  g_autofree char *ed25519 = g_build_filename (tmp, "id_ed25519", NULL);
  g_autofree char *pub = g_strconcat (rsa, ".pub", NULL);
  g_autofree char *pub_text = NULL, *line = NULL, *identity = NULL;
  g_autofree char *line2 = NULL, *identity2 = NULL;
  g_autoptr (GError) error = NULL;

  gr_test_keygen ("rsa", rsa);
  pub_text = g_strstrip (gr_test_read_text (pub));
  g_assert_true (gr_ssh_root_key (tmp, &line, &identity, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, pub_text);
  g_assert_cmpstr (identity, ==, rsa);

  g_unlink (pub);
  g_assert_true (gr_ssh_root_key (tmp, &line2, &identity2, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line2, "ssh-rsa "));
  assert_openssh_derives (identity2, line2);
  g_assert_false (g_file_test (ed25519, G_FILE_TEST_EXISTS));
  gr_test_remove_tree (tmp);
}

static void
test_root_key_encrypted (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("georepd-rootkey-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "id_ed25519", NULL);
  const char *argv[] = { "ssh-keygen", "-q", "-t", "ed25519", "-N",
                         "secret",     "-f", path, NULL };
  g_autofree char *line = NULL, *identity = NULL;
  g_autoptr (GError) error = NULL;

  g_free (gr_test_run (NULL, argv));
  g_assert_false (gr_ssh_root_key (tmp, &line, &identity, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "passphrase"));
  gr_test_remove_tree (tmp);
}

/* known_hosts. */

static void
test_forget_host (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("georepd-kh-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "known_hosts", NULL);
  g_autoptr (GrSshTarget) target =
      gr_ssh_target_new ("Node1.Example", 2222, NULL, NULL, path, NULL, 0);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  gr_test_write_text (path,
                      "[node1.example]:2222 ssh-ed25519 AAAA1\n"
                      "node1.example ssh-ed25519 AAAA2\n"
                      "other,[node1.example]:2222 ssh-rsa AAAA3\n"
                      "[node1.example]:22222 ssh-ed25519 AAAA4\n",
                      0600);
  g_assert_true (gr_ssh_forget_host (target, &error));
  g_assert_no_error (error);
  text = gr_test_read_text (path);
  g_assert_cmpstr (text, ==,
                   "node1.example ssh-ed25519 AAAA2\n"
                   "[node1.example]:22222 ssh-ed25519 AAAA4\n");
  g_assert_cmpuint (gr_test_file_mode (path), ==, 0600);
  gr_test_remove_tree (tmp);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ssh/key-line/valid", test_key_line_valid);
  g_test_add_func ("/ssh/key-line/invalid", test_key_line_invalid);
  g_test_add_func ("/ssh/key-line/options-newlines",
                   test_key_line_options_newlines);
  g_test_add_func ("/ssh/root-key/create-reuse", test_root_key_create_reuse);
  g_test_add_func ("/ssh/root-key/existing-rsa", test_root_key_existing_rsa);
  g_test_add_func ("/ssh/root-key/encrypted", test_root_key_encrypted);
  g_test_add_func ("/ssh/known-hosts/forget", test_forget_host);
  return g_test_run ();
}
