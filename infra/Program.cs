using Observability.Infra;
using Pulumi;

// `pulumi preview` / `pulumi up`: read the stack's config into the validated settings, create the Kubernetes provider, and
// add one MonitoringStack (the component library in Components/). Every decision lives in stacks/ (tested there).
return await Deployment.RunAsync(() => ObservabilityProgram.Run());
