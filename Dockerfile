# RefundBot's container image: build with the .NET SDK (and npm, for the chat page's Web Chat bundle), run on the
# ASP.NET Core runtime image as a non-root user. Settings come from the environment (see compose.yaml and README).
#   docker build -t refundbot .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restore first, from the project files only, so the package layer is reused while only code changes.
COPY Directory.Build.props Directory.Packages.props global.json ./
COPY bot/RefundBot.Bot.csproj bot/
# The .targets files are part of restore: RecognizersText.targets declares the recognizers' PackageDownloads.
COPY dialogs/RefundBot.Dialogs.csproj dialogs/*.targets dialogs/
COPY eligibility/RefundBot.Eligibility.csproj eligibility/
COPY knowledge/RefundBot.Knowledge.csproj knowledge/
RUN dotnet restore bot/RefundBot.Bot.csproj
COPY . .
RUN dotnet publish bot/RefundBot.Bot.csproj -c Release --no-restore -p:PublishReadyToRun=false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
# The image's default port (ASPNETCORE_HTTP_PORTS=8080); the LiteDB file, if that store is used, goes under /app/data.
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    Logging__Console__FormatterName=json
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=3s CMD ["dotnet", "RefundBot.Bot.dll", "probe", "http://127.0.0.1:8080/health/live"]
ENTRYPOINT ["dotnet", "RefundBot.Bot.dll"]
