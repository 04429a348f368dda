// The build server's process: see MiniContainer.BuildServer.BuildServerHost.
return await MiniContainer.BuildServer.BuildServerHost.MainAsync(args);
