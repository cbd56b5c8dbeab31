using Observability.Infra;
using Pulumi;

// `pulumi preview` / `pulumi up`: read the stack's config into the validated settings, compose the environment,
// hand it to one root component. Every decision lives in stacks/ (tested there); nothing here decides anything.
return await Deployment.RunAsync(() => ObservabilityProgram.Run());
