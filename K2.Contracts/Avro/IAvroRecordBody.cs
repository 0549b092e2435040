namespace K2.Contracts.Avro;

/// <summary>
/// The record-specific half of a codec: one record's field order, sizing, writing and reading. The framing, buffer
/// handling and error plumbing around it live once, in <see cref="AvroSingleObjectCodec{TBody, TRecord}"/>.
/// Implemented by empty structs so generic code is specialised per record and these calls are direct.
/// </summary>
internal interface IAvroRecordBody<TRecord>
    where TRecord : class
{
    static abstract MarketDataSchema Schema { get; }

    /// <summary>Upper bound of the body's encoded length; throws <see cref="ArgumentException"/> for null fields.</summary>
    static abstract long GetMaxBodyLength(TRecord record);

    static abstract void Write(TRecord record, ref AvroBinaryWriter writer);

    /// <summary>Reads every field; returns null when the reader failed (the error is on the reader).</summary>
    static abstract TRecord? Read(ref AvroBinaryReader reader);
}
