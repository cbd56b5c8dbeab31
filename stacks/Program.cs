using Observability.Stacks.Cli;

return StacksCli.Run(args, Console.Out, Console.Error, Directory.GetCurrentDirectory());
