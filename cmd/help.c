/* amm help [COMMANDO] */
#include <string.h>

#include "cmd.h"
#include "msg.h"

amm_error *
cmd_help(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct amm_command *cmd;

	(void)ctx;
	if (args->argc == 1) {
		cmd = amm_command_find(args->argv[0]);
		if (cmd == NULL)
			return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_NO_HELP, args->argv[0]);
		amm_print_help(stdout, cmd);
		return NULL;
	}
	printf("gebruik: amm [-C PAD] [--casus ID] COMMANDO [OPTIES] [ARGUMENTEN]\n"
	       "        amm --version\n\n"
	       "amm werkt volgens de Amsterdamse Maatwerk Methode. Elke casus is een map met\n"
	       "INI- en Markdown-bestanden in een git-repository; elke wijziging is één commit.\n\n"
	       "Commando's:\n");
	for (cmd = amm_commands; cmd->name != NULL; cmd++)
		printf("  %-14s %.*s\n", cmd->name, (int)strcspn(cmd->summary, ".;"), cmd->summary);
	printf("\n'amm help COMMANDO' of 'amm COMMANDO --help' toont de hulp bij een commando.\n"
	       "Handleiding: man amm\n");
	return NULL;
}
