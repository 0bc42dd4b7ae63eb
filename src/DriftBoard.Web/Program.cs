using DriftBoard.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
app.MapApplication();
app.Run();

// Visible to WebApplicationFactory<Program> in DriftBoard.Web.Tests.
public partial class Program;
