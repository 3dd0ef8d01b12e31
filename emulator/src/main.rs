//! `lambkin-emulator`: run a Lambda function locally and see what Lambda would bill.
#![forbid(unsafe_code)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod args;

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::{Arc, mpsc};
use std::thread;

use args::{Command, Files, Options};
use lambkin_emulator::front::{self, Shape};
use lambkin_emulator::memory::MemorySummary;
use lambkin_emulator::{Invocation, Report, Sandbox, log, request_id, rie, start_line};

fn main() -> ExitCode {
    let command = match args::parse(std::env::args_os().skip(1)) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("lambkin-emulator: {message}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    match run(command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lambkin-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> io::Result<ExitCode> {
    match command {
        Command::Help => {
            println!("{}", args::USAGE);
            Ok(ExitCode::SUCCESS)
        }
        Command::Invoke {
            options,
            events,
            repeat,
        } => invoke(options, &events, repeat),
        Command::Serve {
            options,
            port,
            http,
        } => serve(options, port, http),
    }
}

/// The sandbox, and the files it runs from (an unpacked `--zip` package, a built example):
/// drop the sandbox (which ends the function) before the files (which removes them).
fn sandbox(options: Options) -> io::Result<(Sandbox, Files)> {
    let (spec, package) = options.function.resolve()?;
    Ok((Sandbox::start(spec, options.emulator)?, package))
}

fn invoke(options: Options, events: &[Vec<u8>], repeat: usize) -> io::Result<ExitCode> {
    let (sandbox, package) = sandbox(options)?;
    let mut failed = false;
    let mut memory = MemorySummary::default();
    let stdout = io::stdout();
    for event in (0..repeat).flat_map(|_| events) {
        let id = request_id();
        log(&start_line(&id));
        // A streamed response is printed chunk by chunk as it arrives; the payload as soon as
        // the runtime responds (END and REPORT wait for the extensions).
        let mut printed = Ok(());
        let report = sandbox.invoke_answering(
            Invocation {
                request_id: Some(id),
                ..Invocation::new(event.clone())
            },
            |_, chunk| {
                let mut out = stdout.lock();
                out.write_all(&chunk.bytes)?;
                out.flush()
            },
            |report| printed = print_payload(&stdout, report),
        );
        log(&report.end_lines());
        printed?;
        failed |= report.is_error();
        memory.add(&report);
    }
    // Last, after what the shutdown phase prints.
    drop(sandbox);
    drop(package);
    if let Some(line) = memory.line() {
        log(&line);
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// What `invoke` prints of an answered invocation: streamed bytes were printed already; an
/// error after them (or any buffered payload) follows, then a newline.
fn print_payload(stdout: &io::Stdout, report: &Report) -> io::Result<()> {
    let mut out = stdout.lock();
    if report.stream.is_none() || report.is_error() {
        out.write_all(&report.payload())?;
    }
    out.write_all(b"\n")?;
    out.flush()
}

fn serve(options: Options, port: Option<u16>, http: Option<(u16, Shape)>) -> io::Result<ExitCode> {
    let bind = |port| lambkin_emulator::listen(("127.0.0.1", port));
    let invoke = port.map(bind).transpose()?;
    let front = http
        .map(|(port, shape)| Ok::<_, io::Error>((bind(port)?, shape)))
        .transpose()?;
    let (sandbox, package) = sandbox(options)?;
    let sandbox = Arc::new(sandbox);
    // Each server runs until accepting fails; the first to stop ends `serve`.
    let (stopped, first) = mpsc::channel();
    if let Some(listener) = invoke {
        eprintln!(
            "lambkin-emulator: invoke with POST http://{}/2015-03-31/functions/function/invocations",
            listener.local_addr()?
        );
        let (sandbox, stopped) = (Arc::clone(&sandbox), stopped.clone());
        thread::Builder::new()
            .name("invoke-api".into())
            .spawn(move || stopped.send(rie::serve(sandbox, &listener)))?;
    }
    if let Some((listener, shape)) = front {
        eprintln!(
            "lambkin-emulator: HTTP front end ({shape}) on http://{}/",
            listener.local_addr()?
        );
        let (sandbox, stopped) = (Arc::clone(&sandbox), stopped.clone());
        thread::Builder::new()
            .name("http-front".into())
            .spawn(move || stopped.send(front::serve(sandbox, &listener, shape)))?;
    }
    drop(stopped);
    let result = first.recv();
    // Ends the function unless a server's thread still holds the sandbox (then the process
    // exits with us; an unlinked executable keeps running).
    drop(sandbox);
    drop(package);
    if let Ok(result) = result {
        result?;
    }
    Ok(ExitCode::SUCCESS)
}
