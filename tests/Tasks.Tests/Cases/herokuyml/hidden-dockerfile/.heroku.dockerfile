FROM mcr.microsoft.com/dotnet/aspnet:8.0
COPY out/ /app
CMD dotnet /app/App.dll --urls http://*:$PORT
