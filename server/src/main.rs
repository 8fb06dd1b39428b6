use clap::{Parser, Subcommand};
use server::settings::Settings;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "server",
    about = "baocao: báo cáo công tác dân vận chính quyền"
)]
struct Cli {
    #[command(flatten)]
    settings: Settings,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app and the API (the default).
    Serve,
    /// Import data from a file: idempotent, one transaction per file.
    Import {
        #[arg(value_enum)]
        kind: ImportKind,
        file: PathBuf,
    },
    /// Write a consistent copy of the database to a new file, while the server runs
    /// (SQLite: `VACUUM INTO`; PostgreSQL: `pg_dump --format=custom`).
    Backup { file: PathBuf },
    /// Restore a backup into a new database: a SQLite file that does not exist yet, or an
    /// empty PostgreSQL database (`pg_restore`).
    Restore { file: PathBuf },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ImportKind {
    OrgUnits,
    /// What became of units on a date (`effective, old_code, old_name, new_code, change`).
    Lineage,
    Template,
    Plan,
    Users,
    /// An evaluation criteria set (TOML).
    Evaluation,
}

#[tokio::main]
async fn main() -> ExitCode {
    server::logging::init();
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.settings).await,
        Command::Import { kind, file } => import(cli.settings, kind, file).await,
        Command::Backup { file } => {
            let content = cli.settings.file_content();
            let done = server::backup::backup(&cli.settings.database_url, &content, &file).await;
            report(done, &format!("đã sao lưu vào {}", file.display()))
        }
        Command::Restore { file } => {
            let content = cli.settings.file_content();
            let done = server::backup::restore(&cli.settings.database_url, &content, &file).await;
            report(done, &format!("đã khôi phục từ {}", file.display()))
        }
    }
}

fn report(done: Result<(), server::backup::BackupError>, success: &str) -> ExitCode {
    match done {
        Ok(()) => {
            println!("baocao: {success}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("baocao: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(settings: Settings) -> ExitCode {
    let demo = settings.demo;
    if demo && !settings.database_url.starts_with("sqlite:") {
        eprintln!("baocao: demo mode runs on a SQLite database only (DATABASE_URL=sqlite://…)");
        return ExitCode::FAILURE;
    }
    let app = match server::startup::build(settings).await {
        Ok(app) => app,
        Err(e) => {
            eprintln!("baocao: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("baocao đang chạy: http://127.0.0.1:{}", app.port());
    if demo {
        eprintln!(
            "\n*** CHẾ ĐỘ DEMO (demo mode): dữ liệu mẫu, tài khoản mẫu với mật khẩu công khai, \
             cookie không Secure. Không dùng cho dữ liệu thật. ***\n"
        );
        // The demo accounts as stored: an older demo database may have fewer.
        match server::store::accounts::all(&app.db).await {
            Ok(users) => {
                let demo = server::demo::usernames();
                let names: Vec<String> = users
                    .into_iter()
                    .map(|u| u.username)
                    .filter(|u| demo.contains(u))
                    .collect();
                println!(
                    "Tài khoản demo (mật khẩu baocao-demo): {}",
                    names.join(", ")
                );
            }
            Err(e) => eprintln!("baocao: {e}"),
        }
    }
    match app.run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("baocao: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn import(settings: Settings, kind: ImportKind, file: PathBuf) -> ExitCode {
    use server::import;
    let db = match server::store::open(&settings.database_url).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("baocao: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = match import::read(&file) {
        Ok((name, text)) => match kind {
            ImportKind::OrgUnits => import::org_units(&db, &name, &text).await,
            ImportKind::Lineage => import::lineage(&db, &name, &text).await,
            ImportKind::Template => import::template(&db, &name, &text).await,
            ImportKind::Plan => import::plan(&db, &name, &text).await,
            ImportKind::Users => import::users(&db, &name, &text).await,
            ImportKind::Evaluation => import::evaluation(&db, &name, &text).await,
        },
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(changes) => {
            println!("{}: {changes}", file.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("Không nhập được: {e}");
            ExitCode::FAILURE
        }
    }
}
