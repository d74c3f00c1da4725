# The runtime modes of the codegen differential, sourced by run.sh and node-repeat.sh (each picks its own order).
# node_env restates the node's JIT settings (OasisEth.Node.csproj) for processes that do not read its runtimeconfig.
node_env="DOTNET_TieredPGO=0 DOTNET_TC_CallCountingDelayMs=20"
declare -A modes=(
  [r2r-tiered]="$node_env"
  [r2r-kept]="$node_env DOTNET_TC_CallCounting=0"
  [jit-fullopt]="DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=0"
  [tier0-only]="DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=1 DOTNET_TC_CallCounting=0"
  [minopts]="DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=0 DOTNET_JITMinOpts=1"
  [osr]="DOTNET_ReadyToRun=0 DOTNET_TC_QuickJitForLoops=1 DOTNET_TC_OnStackReplacement=1 DOTNET_OSR_HitLimit=1 DOTNET_TC_OnStackReplacement_InitialCounter=1"
  [pgo]="DOTNET_ReadyToRun=0 DOTNET_TieredPGO=1"
  [no-avx512]="$node_env DOTNET_EnableAVX512F=0 DOTNET_EnableAVX512=0"
  [no-avx512-jit]="DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=0 DOTNET_EnableAVX512F=0 DOTNET_EnableAVX512=0"
  [no-hwintrinsic]="DOTNET_EnableHWIntrinsic=0"
  [gc-server]="DOTNET_gcServer=1"
  [gc-workstation]="DOTNET_gcServer=0"
  [gc-tiny-gen0]="DOTNET_GCgen0size=0x20000"
)
