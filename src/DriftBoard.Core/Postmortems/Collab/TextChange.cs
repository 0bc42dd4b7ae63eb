namespace DriftBoard.Core.Postmortems.Collab;

/// <summary>Replace [<paramref name="From"/>, <paramref name="To"/>) of a document with <paramref name="Insert"/> (UTF-16 positions).</summary>
public sealed record TextChange(int From, int To, string Insert);
