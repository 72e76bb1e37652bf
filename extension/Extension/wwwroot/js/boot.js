// Starts Blazor from the renamed "framework" folder (Chrome reserves "_framework").
// MV3 pages allow no inline script, so this lives in its own file.
Blazor.start({
  loadBootResource(type, name) {
    // dotnet.js, dotnet.runtime.js and dotnet.native.js; everything else resolves relative to them.
    return type === 'dotnetjs' ? 'framework/' + name : null;
  },
});
